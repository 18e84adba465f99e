import type { CheckFinding } from '../finding';
import { probePort } from './port-probe';
import { RISKY_PORTS, type RiskyPort } from './risky-ports';

export interface ExposedServicesOptions {
  ports?: RiskyPort[];
  /** Connections in flight at once for one target. */
  concurrency?: number;
  timeoutMs?: number;
  /** Display name of the target (host name), the address being what is connected to. */
  label?: string;
}

/**
 * Exposed services on one address already cleared by the network guard: one finding per risky open port,
 * with the protocol confirmation in the evidence when the service identified itself.
 */
export async function checkExposedServices(
  address: string,
  options: ExposedServicesOptions = {},
): Promise<CheckFinding[]> {
  const ports = options.ports ?? RISKY_PORTS;
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const findings: CheckFinding[] = [];
  let next = 0;
  const label = options.label ?? address;
  const host = address.includes(':') ? `[${address}]` : address;
  const worker = async () => {
    while (next < ports.length) {
      const risky = ports[next++];
      const probe = await probePort(address, risky.port, risky.confirm, options.timeoutMs);
      if (probe.state !== 'open') continue;
      const confirmation = probe.confirmed
        ? ` ; protocole confirmé${probe.banner ? ` (« ${probe.banner} »)` : ''}`
        : probe.banner
          ? ` ; bannière « ${probe.banner} »`
          : '';
      findings.push({
        checkId: risky.checkId,
        severity: risky.severity,
        target: `${host}:${risky.port}`,
        title: `${risky.service} exposé sur Internet`,
        evidence: `Le port TCP ${risky.port} de ${label} (${address}) accepte les connexions${confirmation}.`,
        remediation: risky.remediation,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ports.length) }, worker));
  return findings.sort((a, b) => a.target.localeCompare(b.target, 'en', { numeric: true }));
}
