import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalJson } from '@vigie/security-plan';
import { parse } from 'yaml';
import type { ConfigRule, RuleSet } from './rule-types';
import { RuleValidationError, validateRuleFile, type RuleValidationOptions } from './rule-validator';

/** Content hash of rules, whatever their order or key order: equal rules, equal version. */
export function rulesHash(rules: readonly ConfigRule[]): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256').update(canonicalJson(sorted)).digest('hex').slice(0, 12);
}

export function ruleSet(rules: ConfigRule[]): RuleSet {
  return { version: rulesHash(rules), rules };
}

function parseInto(
  text: string,
  source: string,
  problems: string[],
  options: RuleValidationOptions,
): ConfigRule[] {
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    problems.push(`${source}: (syntax): ${(error as Error).message.split('\n')[0]}`);
    return [];
  }
  return validateRuleFile(document, source, problems, options);
}

/** Parses and validates one rule file (YAML); throws a RuleValidationError listing every problem. */
export function parseRuleFile(
  text: string,
  source: string,
  options: RuleValidationOptions = {},
): ConfigRule[] {
  const problems: string[] = [];
  const rules = parseInto(text, source, problems, options);
  if (problems.length > 0) throw new RuleValidationError(problems);
  return rules;
}

/** Reads every `*.yaml` of a folder (config/scan-rules); rule ids must be unique across files. */
export function loadRuleDirectory(directory: string, options: RuleValidationOptions = {}): RuleSet {
  const problems: string[] = [];
  const rules: ConfigRule[] = [];
  const files = readdirSync(directory)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (files.length === 0) problems.push(`${directory}: (folder): holds no .yaml rule file`);
  const seen = new Map<string, string>();
  for (const file of files) {
    const source = basename(file);
    for (const rule of parseInto(readFileSync(join(directory, file), 'utf8'), source, problems, options)) {
      const first = seen.get(rule.id);
      if (first) problems.push(`${source}: id (${rule.id}): duplicate rule id, first defined in ${first}`);
      else seen.set(rule.id, source);
      rules.push(rule);
    }
  }
  if (problems.length > 0) throw new RuleValidationError(problems);
  return ruleSet(rules);
}
