import type { Severity } from '@vigie/common';
import type { ConfigKind, SshdConnection } from '../model';

/** Operators of the rule language (docs/scans/config-rules.md). */
export const RULE_OPS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'matches',
  'not_matches',
  'lt',
  'le',
  'gt',
  'ge',
  'present',
  'absent',
  'contains',
  'not_contains',
  'contains_all',
] as const;
export type RuleOp = (typeof RULE_OPS)[number];

export const CONDITIONS = ['all', 'any', 'none'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const UNITS = ['seconds', 'bytes'] as const;
export type Unit = (typeof UNITS)[number];

export type Scalar = string | number;

export interface RuleTest {
  /** sshd: keyword as `sshd -T` prints it; nginx/Apache: directive name; secedit: `Section/Key`. */
  key: string;
  op: RuleOp;
  value?: Scalar | Scalar[];
  /** Compare only this argument (1-based) of each occurrence, e.g. the header name of add_header. */
  arg?: number;
  /** How lt/le/gt/ge read values such as `75s` or `10m`. */
  unit?: Unit;
  /** Value assumed when the key is set nowhere and the software has no known default. */
  default?: Scalar;
}

export interface RuleWhen {
  condition: 'all' | 'any';
  tests: RuleTest[];
}

export interface ConfigRule {
  id: string;
  kind: ConfigKind;
  /** Version declared by the rule file, kept with results. */
  fileVersion: number;
  checkId: string;
  title: string;
  rationale: string;
  remediation: string;
  severity: Severity;
  /** Security-plan measures this rule observes. */
  measures: string[];
  references?: string[];
  scope?: string;
  /** sshd: connection attributes for Match evaluation (overrides the audit's). */
  context?: SshdConnection;
  condition: Condition;
  /** Items where these tests do not hold are skipped (not applicable). */
  when?: RuleWhen;
  tests: RuleTest[];
}

export interface RuleSet {
  /** Content hash of the rules, so a result can be traced to the exact rules that produced it. */
  version: string;
  rules: ConfigRule[];
}

/** Which plan check each kind reports under, and the prefix of its rule ids. */
export const KIND_CHECK_IDS: Record<ConfigKind, string> = {
  sshd: 'config.sshd',
  nginx: 'config.nginx',
  apache: 'config.apache',
  secedit: 'config.password_policy',
};
export const KIND_RULE_PREFIX: Record<ConfigKind, string> = {
  sshd: 'SSHD',
  nginx: 'NGINX',
  apache: 'APACHE',
  secedit: 'WINPWD',
};
export const KIND_SCOPES: Record<ConfigKind, readonly string[]> = {
  sshd: ['connection', 'every_match'],
  nginx: ['main', 'http', 'server', 'location'],
  apache: ['server', 'virtualhost', 'directory'],
  secedit: ['file'],
};
