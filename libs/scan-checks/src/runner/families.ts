import type { BlockList } from 'node:net';
import { auditConfig, type ConfigKind, type RuleSet } from '@vigie/config-audit';
import { NetworkPolicyError, type Resolver, resolvePinned } from '@vigie/net-guard';
import { DNS_CHECKS_VERSION, checkMailDns } from '../dns/mail-dns.check';
import { CHECKS_VERSION, type CheckFinding } from '../finding';
import { checkHttp, HTTP_GRADING_VERSION, HttpCheckError } from '../http';
import { parseOrigin } from '../http/origin';
import { assertComplete, scanPorts } from '../ports/port-scan';
import { DEFAULT_CONNECT_TIMEOUT_MS, type PortProbe, probePort } from '../ports/port-probe';
import { TLS_GRADING_VERSION } from '../tls/grade';
import { checkTls } from '../tls/tls.check';
import type { ScanFamily } from './plan-tasks';
import { anyWitnessServes, unreachableReason } from './reachability';
import { PermanentCheckError } from './run-check';

export interface FamilyContext {
  /** SCAN_ALLOWED_NETWORKS: otherwise forbidden networks the scans may reach. */
  allowed: BlockList;
  /** SCAN_DNS_SERVERS as a resolver for the guard; the system's when undefined. */
  resolver?: Resolver;
  dnsServers: string[];
  signal: AbortSignal;
  now: Date;
  /** DKIM selectors declared for a domain asset. */
  dkimSelectors?: string[];
  config?: { kind: ConfigKind; label: string; entry: string; files: Record<string, string> };
  /** The configuration rules (config/scan-rules), loaded once by the caller. */
  configRules?: RuleSet;
  /** Connect timeout of one probe (the port scan's default, 2500 ms, when absent); a timeout is tried twice. */
  connectTimeoutMs?: number;
}

export interface FamilyResult {
  findings: CheckFinding[];
  /** `<family>/<version>`, stored with the result. */
  version: string;
  grade?: string;
  details?: unknown;
  /** Why the family had nothing to check (port closed, no web server): a finished task, not an error. */
  skipped?: string;
  /**
   * Why the target is taken for unreachable: no service answered (every port refused, silent or unreachable).
   * Nothing can be said about its earlier findings, which stay open.
   */
  unreachable?: string;
}

/** Resolves through the guard; a target the guard refuses will be refused again, so it is not retried. */
async function pinned(host: string, context: FamilyContext) {
  try {
    const target = await resolvePinned(host, context.allowed, context.resolver);
    // Sorted, so that a round-robin answer does not make each scan probe (and name) another address first.
    return { ...target, addresses: [...target.addresses].sort() };
  } catch (error) {
    if (error instanceof NetworkPolicyError) throw new PermanentCheckError(error.message);
    throw error;
  }
}

async function ports(target: string, context: FamilyContext): Promise<FamilyResult> {
  const { addresses, serverName } = await pinned(target, context);
  const scans = await scanPorts(
    addresses.map((address) => ({ address, label: serverName ?? address })),
    { signal: context.signal, timeoutMs: context.connectTimeoutMs },
  );
  scans.forEach(assertComplete);
  const version = `ports/${CHECKS_VERSION}`;
  const details = {
    addresses,
    open: scans.flatMap((scan) =>
      scan.probes.filter((p) => p.state === 'open').map((p) => ({ address: scan.address, port: p.port })),
    ),
  };
  // No risky port open: "nothing exposed" only if the host serves something elsewhere, else it is unreachable.
  const timeoutMs = context.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (details.open.length === 0 && !(await anyWitnessServes(addresses, timeoutMs))) {
    const probes = scans.flatMap((scan) => scan.probes);
    return { findings: [], version, details, unreachable: unreachableReason(addresses.join(', '), probes) };
  }
  return { findings: scans.flatMap((scan) => scan.findings), version, details };
}

/** `host:port`, the host possibly a bracketed IPv6 address. */
function hostAndPort(target: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  if (!match) throw new PermanentCheckError(`${target} is not host:port`);
  return { host: match[1], port: Number(match[2]) };
}

/**
 * A closed port means there is nothing of this family to check, a finished task that resolves the family's
 * previous findings; a silent one (timeout, unreachable network) makes the task unreachable.
 */
function portProbe(address: string, port: number, context: FamilyContext): Promise<PortProbe> {
  return probePort(address, port, 'none', context.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
}

const silent = (probe: PortProbe) => probe.state === 'filtered';

async function tls(target: string, context: FamilyContext): Promise<FamilyResult> {
  const { host, port } = hostAndPort(target);
  const { addresses, serverName } = await pinned(host, context);
  const version = `tls/${TLS_GRADING_VERSION}`;
  const probe = await portProbe(addresses[0], port, context);
  if (probe.state === 'closed')
    return { findings: [], version, skipped: `Port ${port} fermé : pas de service TLS à analyser.` };
  if (silent(probe))
    return { findings: [], version, unreachable: unreachableReason(`${addresses[0]} port ${port}`, [probe]) };
  const report = await checkTls(
    { address: addresses[0], port, serverName },
    { now: context.now, signal: context.signal },
  );
  const { findings, grade, ...details } = report;
  return {
    findings,
    version,
    grade: grade ?? undefined,
    details: { ...details, address: addresses[0] },
  };
}

async function http(target: string, context: FamilyContext): Promise<FamilyResult> {
  const origin = parseOrigin(target);
  const version = `http/${HTTP_GRADING_VERSION}`;
  const { addresses } = await pinned(origin.host, context);
  const ports = [new URL(origin.httpUrl), new URL(origin.httpsUrl)].map((u) =>
    Number(u.port || (u.protocol === 'https:' ? 443 : 80)),
  );
  const probes = await Promise.all(ports.map((port) => portProbe(addresses[0], port, context)));
  if (probes.every((probe) => probe.state === 'closed'))
    return {
      findings: [],
      version,
      skipped: `Ports ${ports.join(' et ')} fermés : pas de site web à analyser.`,
    };
  if (probes.every(silent))
    return {
      findings: [],
      version,
      unreachable: unreachableReason(`${addresses[0]} ports ${ports.join(' et ')}`, probes),
    };
  try {
    const result = await checkHttp(target, {
      allowed: context.allowed,
      resolver: context.resolver,
      signal: context.signal,
    });
    const { findings, grade, ...details } = result;
    return { findings, version, grade: grade.grade, details: { ...details, score: grade } };
  } catch (error) {
    if (error instanceof HttpCheckError && error.permanent) throw new PermanentCheckError(error.message);
    throw error;
  }
}

async function dns(target: string, context: FamilyContext): Promise<FamilyResult> {
  try {
    const result = await checkMailDns(target, {
      servers: context.dnsServers,
      dkimSelectors: context.dkimSelectors ?? [],
      signal: context.signal,
    });
    return { findings: result.findings, version: `dns/${DNS_CHECKS_VERSION}`, details: result.details };
  } catch (error) {
    // An invalid domain stays invalid; a DNS timeout or SERVFAIL (DnsLookupError) is worth another try.
    if (error instanceof TypeError) throw new PermanentCheckError(error.message);
    throw error;
  }
}

async function config(target: string, context: FamilyContext): Promise<FamilyResult> {
  if (!context.config) throw new PermanentCheckError(`the configuration ${target} no longer exists`);
  if (!context.configRules) throw new PermanentCheckError('no configuration rules were loaded');
  const { kind, label, entry, files } = context.config;
  const result = auditConfig({
    kind,
    files,
    entry,
    rules: context.configRules,
    target: `${label} (${entry})`,
  });
  return {
    // The rule id keeps a finding's identity if a rule's title is reworded.
    findings: result.findings.map(({ ruleId, measures: _measures, ...finding }) => ({
      ...finding,
      key: ruleId,
    })),
    version: `config/${result.rulesVersion}`.slice(0, 32),
    details: {
      results: result.results,
      warnings: result.warnings,
      files: result.files,
      rulesVersion: result.rulesVersion,
    },
  };
}

const RUNNERS: Record<ScanFamily, (target: string, context: FamilyContext) => Promise<FamilyResult>> = {
  ports,
  tls,
  http,
  dns,
  config,
};

/** Runs one check family on one target of a scan, every connection going through the network guard. */
export function runFamily(family: ScanFamily, target: string, context: FamilyContext): Promise<FamilyResult> {
  return RUNNERS[family](target, context);
}
