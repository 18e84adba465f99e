import { type PortProbe, probePort } from '../ports/port-probe';

/**
 * Ports asked when none of the risky ones is open: an internet-facing asset that is up serves one of them, so
 * risky ports closed or filtered on a host that still serves the web are told from a host that is down.
 */
export const REACHABILITY_WITNESS_PORTS = [80, 443];

/**
 * A service answered: the host is up and what it shows can be judged. A refusal (RST) is not enough: a gateway
 * or a load balancer refuses every port of a host that is down behind it, and taking that for "nothing exposed"
 * would resolve the exposure findings of a host that is merely off.
 */
export function serviceAnswered(probe: Pick<PortProbe, 'state'>): boolean {
  return probe.state === 'open';
}

/** Why a target is taken for unreachable, from what its probes got: refusals, timeouts, network errors. */
export function unreachableReason(what: string, probes: Pick<PortProbe, 'state' | 'code'>[]): string {
  const outcomes = [
    ...new Set(probes.map((p) => (p.state === 'closed' ? 'ECONNREFUSED' : (p.code ?? 'ETIMEDOUT')))),
  ].sort();
  return `${what} : aucun service ne répond (${outcomes.join(', ')}), hôte éteint, injoignable ou filtré. Les constats précédents restent ouverts.`;
}

/** True when a witness port of one of the addresses serves something. */
export async function anyWitnessServes(addresses: string[], timeoutMs: number): Promise<boolean> {
  const probes = await Promise.all(
    addresses.flatMap((address) =>
      REACHABILITY_WITNESS_PORTS.map((port) => probePort(address, port, 'none', timeoutMs)),
    ),
  );
  return probes.some(serviceAnswered);
}
