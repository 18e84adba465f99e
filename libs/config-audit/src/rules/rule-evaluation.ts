import type { Severity } from '@vigie/common';
import { formatSource, type ParsedConfig, type SshdConnection } from '../model';
import { combine, evaluateTest, failingTests, type RuleStatus, type TestResult } from './rule-engine';
import { describeFailure } from './rule-evidence';
import type { ConfigRule } from './rule-types';

export interface ObservedEntry {
  key: string;
  display: string;
  values: string[];
  /** `file:line` per value, or `défaut`. */
  sources: string[];
  defaultOf?: string;
}

export interface RuleItemResult {
  label: string;
  status: RuleStatus;
  observed: ObservedEntry[];
}

export interface RuleResult {
  ruleId: string;
  checkId: string;
  title: string;
  severity: Severity;
  measures: string[];
  status: RuleStatus;
  /** Why the rule is not applicable, in French. */
  reason?: string;
  items: RuleItemResult[];
}

/** A rule's result, and the French sentences explaining each failed item (same order as `items`). */
export interface RuleEvaluation {
  result: RuleResult;
  failures: string[][];
}

const outcomes = (results: TestResult[]) => results.map((r) => r.outcome);

function observedEntries(results: TestResult[]): ObservedEntry[] {
  const seen = new Map<string, ObservedEntry>();
  for (const { test, observed } of results) {
    if (seen.has(test.key)) continue;
    seen.set(test.key, {
      key: test.key,
      display: observed?.display ?? test.key,
      values: observed?.occurrences.map((o) => o.text) ?? [],
      sources: observed?.occurrences.map((o) => formatSource(o.source)) ?? [],
      ...(observed?.defaultOf ? { defaultOf: observed.defaultOf } : {}),
    });
  }
  return [...seen.values()];
}

/** Evaluates one rule on every item of its scope and aggregates: one failing item fails the rule. */
export function evaluateRule(
  rule: ConfigRule,
  config: ParsedConfig,
  context: SshdConnection | undefined,
): RuleEvaluation {
  const items = config.items(rule.scope, { ...context, ...rule.context });
  const evaluated: { result: RuleItemResult; failures: string[] }[] = [];
  let skipped = 0;
  for (const item of items) {
    const when = rule.when?.tests.map((t) => evaluateTest(t, item)) ?? [];
    if (rule.when && combine(rule.when.condition, outcomes(when)) !== 'pass') {
      skipped++;
      continue;
    }
    const tests = rule.tests.map((t) => evaluateTest(t, item));
    const status = combine(rule.condition, outcomes(tests));
    const failing = status === 'fail' ? failingTests(rule.condition, tests) : [];
    const failures = failing.map((t) => describeFailure(t, rule.condition));
    if (rule.condition === 'any' && failures.length > 1)
      failures.splice(0, failures.length, `aucune des conditions n’est remplie (${failures.join(' ; ')})`);
    evaluated.push({
      result: { label: item.label, status, observed: observedEntries([...when, ...tests]) },
      failures,
    });
  }
  const statuses = evaluated.map((e) => e.result.status);
  const status: RuleStatus = statuses.includes('fail')
    ? 'fail'
    : statuses.includes('pass')
      ? 'pass'
      : 'not_applicable';
  let reason: string | undefined;
  if (status === 'not_applicable')
    reason =
      config.files.length === 0
        ? 'le fichier principal n’a pas été fourni'
        : items.length === 0
          ? 'aucun élément de la configuration n’est concerné'
          : skipped === items.length
            ? 'aucun élément ne remplit la condition d’application de la règle'
            : 'la valeur nécessaire n’est ni dans les fichiers fournis ni connue par défaut';
  return {
    result: {
      ruleId: rule.id,
      checkId: rule.checkId,
      title: rule.title,
      severity: rule.severity,
      measures: rule.measures,
      status,
      ...(reason ? { reason } : {}),
      items: evaluated.map((e) => e.result),
    },
    failures: evaluated.map((e) => e.failures),
  };
}
