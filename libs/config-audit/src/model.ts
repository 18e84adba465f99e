/** The configuration families an uploaded file can be audited as. */
export const CONFIG_KINDS = ['sshd', 'nginx', 'apache', 'secedit'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** Where a value was read: the uploaded file name and its 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** One directive line as it takes part in the effective value. */
export interface Occurrence {
  /** The value as the reference tool prints it (e.g. a line of `sshd -T` without its keyword). */
  text: string;
  /** The same value split into arguments. */
  args: string[];
  /** Absent for a built-in default. */
  source?: SourceRef;
}

/** The effective value of one key in one scope: every occurrence that applies, in order. */
export interface ObservedValue {
  /** The key as users know it (e.g. `PermitRootLogin`). */
  display: string;
  occurrences: Occurrence[];
  /** Set when no file sets the key and the value is the software's own default. */
  defaultOf?: string;
}

/** One place a rule is evaluated: the whole file, an nginx server or location, an Apache virtual host... */
export interface ScopeItem {
  /** French label for the evidence, e.g. `server « intranet.ch.fr » (sites/intranet.conf:4)`. */
  label: string;
  lookup(key: string): ObservedValue | undefined;
}

/**
 * A problem met while reading the files. `error` means the real software would refuse this configuration;
 * the audit still runs on what could be read.
 */
export interface ConfigWarning {
  level: 'error' | 'warning';
  file?: string;
  line?: number;
  /** In French: the people who uploaded the file read it. */
  message: string;
}

/** Connection attributes for sshd `Match` evaluation, like `sshd -T -C user=...,host=...,addr=...`. */
export interface SshdConnection {
  user?: string;
  /** Groups of the user, for `Match Group` (sshd reads them from the system; an upload cannot). */
  groups?: string[];
  host?: string;
  addr?: string;
  laddr?: string;
  lport?: number;
  rdomain?: string;
}

/** What the engine needs from a parsed configuration, whatever its kind. */
export interface ParsedConfig {
  kind: ConfigKind;
  /** Files actually read, entry first, in reading order. */
  files: string[];
  warnings: ConfigWarning[];
  /** The items a rule with this scope is evaluated on (an empty list makes the rule not applicable). */
  items(scope: string | undefined, connection: SshdConnection): ScopeItem[];
}

export function formatSource(source: SourceRef | undefined): string {
  return source ? `${source.file}:${source.line}` : 'défaut';
}
