import type { CheckFinding } from '@vigie/common';
import { readApacheConfig } from './apache/apache-config';
import type { ConfigKind, ConfigWarning, ParsedConfig, SshdConnection } from './model';
import { readNginxConfig } from './nginx/nginx-config';
import { evaluateRule, type RuleResult } from './rules/rule-evaluation';
import { rulesHash } from './rules/rule-loader';
import type { ConfigRule, RuleSet } from './rules/rule-types';
import { readSeceditConfig } from './secedit/secedit-config';
import { readSshdConfig } from './sshd/sshd-config';
import type { UploadedFiles } from './uploaded-files';

export interface AuditConfigInput {
  kind: ConfigKind;
  /** Uploaded files by name; relative names live in the software's folder (/etc/ssh, /etc/nginx, /etc/apache2). */
  files: UploadedFiles;
  /** The main file among them (sshd_config, nginx.conf, apache2.conf, the .inf export). */
  entry: string;
  rules: RuleSet | readonly ConfigRule[];
  /** sshd: the connection whose configuration is checked, like `sshd -T -C` (a rule's own context wins). */
  context?: SshdConnection;
  /** What findings name as their target; the entry file name by default. */
  target?: string;
}

/** A finding with the rule that produced it and the plan measures it bears on. */
export interface ConfigFinding extends CheckFinding {
  ruleId: string;
  measures: string[];
}

export interface AuditConfigResult {
  findings: ConfigFinding[];
  results: RuleResult[];
  warnings: ConfigWarning[];
  /** Files read, entry first. */
  files: string[];
  /** `<kind>@<file version>#<hash of the rules applied>`. */
  rulesVersion: string;
}

const READERS: Record<ConfigKind, (files: UploadedFiles, entry: string) => ParsedConfig> = {
  sshd: readSshdConfig,
  nginx: readNginxConfig,
  apache: readApacheConfig,
  secedit: readSeceditConfig,
};
const MAX_ITEMS_IN_EVIDENCE = 5;

/** The evidence of a failed rule: its failed items, each once (Match blocks and locations often only repeat). */
function evidence(ruleId: string, result: RuleResult, failures: string[][]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  result.items.forEach((item, i) => {
    const text = failures[i].join(' ; ');
    if (item.status !== 'fail' || seen.has(text)) return;
    seen.add(text);
    lines.push(`${item.label} : ${text}.`);
  });
  const more = lines.length - MAX_ITEMS_IN_EVIDENCE;
  return `[${ruleId}] ${lines.slice(0, MAX_ITEMS_IN_EVIDENCE).join(' ')}${more > 0 ? ` Et ${more} autre(s) emplacement(s).` : ''}`;
}

/**
 * Audits uploaded configuration files against data-driven rules, on the effective configuration (defaults,
 * includes, Match blocks and inheritance applied): one result per rule of the kind, one finding per failed rule.
 */
export function auditConfig(input: AuditConfigInput): AuditConfigResult {
  const all: readonly ConfigRule[] = 'rules' in input.rules ? input.rules.rules : input.rules;
  const rules = all.filter((r) => r.kind === input.kind);
  const config = READERS[input.kind](input.files, input.entry);
  const results: RuleResult[] = [];
  const findings: ConfigFinding[] = [];
  for (const rule of rules) {
    const { result, failures } = evaluateRule(rule, config, input.context);
    results.push(result);
    if (result.status !== 'fail') continue;
    findings.push({
      checkId: rule.checkId,
      ruleId: rule.id,
      severity: rule.severity,
      target: input.target ?? input.entry,
      title: rule.title,
      evidence: evidence(rule.id, result, failures),
      remediation: rule.remediation,
      measures: rule.measures,
    });
  }
  const versions = [...new Set(rules.map((r) => r.fileVersion))].join('+') || '0';
  return {
    findings,
    results,
    warnings: config.warnings,
    files: config.files,
    rulesVersion: `${input.kind}@${versions}#${rulesHash(rules)}`,
  };
}
