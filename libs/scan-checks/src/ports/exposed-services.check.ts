import type { CheckFinding } from '../finding';
import type { ProbeSettings } from './port-probe';
import { assertComplete, scanPorts } from './port-scan';
import type { RiskyPort } from './risky-ports';

export interface ExposedServicesOptions extends ProbeSettings {
  ports?: RiskyPort[];
  /** Connections in flight at once for one target. */
  concurrency?: number;
  /** Host name the findings are named after (their target), the address being what is connected to. */
  label?: string;
}

/**
 * Exposed services on one address already cleared by the network guard: one finding per risky open port,
 * with the protocol confirmation in the evidence when the service identified itself. Throws when a port could
 * not be probed for a local reason. Many addresses at once: `scanPorts`.
 */
export async function checkExposedServices(
  address: string,
  options: ExposedServicesOptions = {},
): Promise<CheckFinding[]> {
  const { label, concurrency = 16, ...settings } = options;
  const [scan] = await scanPorts([{ address, label }], { ...settings, concurrency, perTarget: concurrency });
  assertComplete(scan);
  return scan.findings;
}
