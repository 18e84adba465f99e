import { type PortProbe, probePort } from '../ports/port-probe';

/**
 * Ports asked when none of the risky ones answered: a host that is up answers one of them (open, or refused
 * with an RST), so filtered risky ports behind a firewall are told from a host that is down or unreachable.
 */
export const REACHABILITY_WITNESS_PORTS = [80, 443];

/** A port that answered, open or refused: the host is up and reachable. Filtered ports prove nothing either way. */
export function answered(probe: Pick<PortProbe, 'state'>): boolean {
  return probe.state === 'open' || probe.state === 'closed';
}

/** Why a target is taken for unreachable, from the codes of its silent probes (a timeout when none). */
export function unreachableReason(what: string, probes: Pick<PortProbe, 'code'>[]): string {
  const codes = [...new Set(probes.map((p) => p.code ?? 'ETIMEDOUT'))].sort();
  return `${what} : aucune réponse (${codes.join(', ')}), hôte éteint, injoignable ou filtré. Les constats précédents restent ouverts.`;
}

/** True when any witness port of one of the addresses answers. */
export async function anyWitnessAnswers(addresses: string[], timeoutMs: number): Promise<boolean> {
  const probes = await Promise.all(
    addresses.flatMap((address) =>
      REACHABILITY_WITNESS_PORTS.map((port) => probePort(address, port, 'none', timeoutMs)),
    ),
  );
  return probes.some(answered);
}
