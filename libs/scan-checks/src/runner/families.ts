import type { BlockList } from 'node:net';
import { NetworkPolicyError, type Resolver, resolvePinned } from '@vigie/net-guard';
import { CHECKS_VERSION, type CheckFinding } from '../finding';
import { checkExposedServices } from '../ports/exposed-services.check';
import type { ScanFamily, ScannableAssetKind } from './plan-tasks';
import { PermanentCheckError } from './run-check';

export interface FamilyContext {
  /** SCAN_ALLOWED_NETWORKS: otherwise forbidden networks the scans may reach. */
  allowed: BlockList;
  /** SCAN_DNS_SERVERS as a resolver for the guard; the system's when undefined. */
  resolver?: Resolver;
  dnsServers: string[];
  signal: AbortSignal;
  now: Date;
  asset?: { kind: ScannableAssetKind; value: string; dkimSelectors: string[] };
  config?: { kind: string; entry: string; files: Record<string, string> };
}

export interface FamilyResult {
  findings: CheckFinding[];
  /** `<family>/<version>`, stored with the result. */
  version: string;
  grade?: string;
  details?: unknown;
  /** Why the family had nothing to check (port closed, no web server): a finished task, not an error. */
  skipped?: string;
}

/** Resolves through the guard; a target the guard refuses will be refused again, so it is not retried. */
async function pinned(host: string, context: FamilyContext) {
  try {
    return await resolvePinned(host, context.allowed, context.resolver);
  } catch (error) {
    if (error instanceof NetworkPolicyError) throw new PermanentCheckError(error.message);
    throw error;
  }
}

async function ports(target: string, context: FamilyContext): Promise<FamilyResult> {
  const { addresses, serverName } = await pinned(target, context);
  const findings: CheckFinding[] = [];
  for (const address of addresses)
    findings.push(...(await checkExposedServices(address, { label: serverName ?? address })));
  return { findings, version: `ports/${CHECKS_VERSION}`, details: { addresses } };
}

const RUNNERS: Record<ScanFamily, (target: string, context: FamilyContext) => Promise<FamilyResult>> = {
  ports,
  tls: () => Promise.reject(new PermanentCheckError('TLS checks not wired yet')),
  http: () => Promise.reject(new PermanentCheckError('HTTP checks not wired yet')),
  dns: () => Promise.reject(new PermanentCheckError('DNS checks not wired yet')),
  config: () => Promise.reject(new PermanentCheckError('configuration audits not wired yet')),
};

/** Runs one check family on one target of a scan, every connection going through the network guard. */
export function runFamily(family: ScanFamily, target: string, context: FamilyContext): Promise<FamilyResult> {
  return RUNNERS[family](target, context);
}
