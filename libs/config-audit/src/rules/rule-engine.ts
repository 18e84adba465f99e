import type { ObservedValue, ScopeItem } from '../model';
import type { Condition, RuleTest, Scalar, Unit } from './rule-types';

/** Outcome of one test on one item: true, false, or unknown (the value needed is not known). */
export type TestOutcome = 'true' | 'false' | 'unknown';
export type RuleStatus = 'pass' | 'fail' | 'not_applicable';

export interface TestResult {
  test: RuleTest;
  outcome: TestOutcome;
  observed?: ObservedValue;
  /** The default assumed by the rule, when it had to be used. */
  ruleDefault?: boolean;
}

/** `defaultOf` of a value the rule itself assumed. */
export const RULE_DEFAULT = 'la règle';
const LIST_OPS = ['contains', 'not_contains', 'contains_all'];
const same = (a: string, b: Scalar) => a.toLowerCase() === String(b).toLowerCase();
const asList = (value: RuleTest['value']): Scalar[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Reads `75s`, `1h30m` as seconds and `10m`, `1g` as bytes; plain numbers as they are. */
/** A rule's pattern is the same for every item and file it is tested against: compiled once. */
const patterns = new Map<string, RegExp>();
function compiled(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, 'i')));
  return re;
}

export function toNumber(text: string, unit?: Unit): number | undefined {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (unit === 'bytes') {
    const m = /^(\d+)([kKmMgG])$/.exec(value);
    return m ? Number(m[1]) * 1024 ** ('kmg'.indexOf(m[2].toLowerCase()) + 1) : undefined;
  }
  if (unit === 'seconds') {
    if (!/^(\d+(ms|[smhdwMy])?)+$/.test(value)) return undefined;
    const factors: Record<string, number> = {
      ms: 0.001,
      s: 1,
      m: 60,
      h: 3600,
      d: 86400,
      w: 604800,
      M: 2592000,
      y: 31536000,
    };
    let total = 0;
    for (const [, n, u] of value.matchAll(/(\d+)(ms|[smhdwMy])?/g)) total += Number(n) * (u ? factors[u] : 1);
    return total;
  }
  return undefined;
}

/**
 * Evaluates one test on one item. Values compare case-insensitively; a key with several occurrences passes a
 * positive operator when one occurrence does, and the negated operators are exact negations. A key set nowhere
 * is an empty list for the list operators and unknown for the others, unless the test gives a default.
 */
export function evaluateTest(test: RuleTest, item: ScopeItem): TestResult {
  let observed = item.lookup(test.key);
  let ruleDefault = false;
  if ((!observed || observed.occurrences.length === 0) && test.default !== undefined) {
    const text = String(test.default);
    observed = {
      display: observed?.display ?? test.key,
      occurrences: [{ text, args: text.split(' ') }],
      defaultOf: RULE_DEFAULT,
    };
    ruleDefault = true;
  }
  const result = (outcome: TestOutcome | boolean): TestResult => ({
    test,
    outcome: typeof outcome === 'boolean' ? (outcome ? 'true' : 'false') : outcome,
    ...(observed ? { observed } : {}),
    ...(ruleDefault ? { ruleDefault } : {}),
  });
  const values = (observed?.occurrences ?? []).flatMap((o) => {
    if (test.arg === undefined) return [o.text];
    const arg = o.args[test.arg - 1];
    return arg === undefined ? [] : [arg];
  });
  if (test.op === 'present') return result(values.length > 0);
  if (test.op === 'absent') return result(values.length === 0);
  const wanted = asList(test.value);
  if (LIST_OPS.includes(test.op)) {
    const items = values.flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== '');
    const has = (w: Scalar) => items.some((i) => same(i, w));
    if (test.op === 'contains') return result(wanted.some(has));
    if (test.op === 'not_contains') return result(!wanted.some(has));
    return result(wanted.every(has));
  }
  if (values.length === 0) return result('unknown');
  switch (test.op) {
    case 'equals':
    case 'not_equals':
      return result(values.some((v) => same(v, wanted[0])) === (test.op === 'equals'));
    case 'in':
    case 'not_in':
      return result(values.some((v) => wanted.some((w) => same(v, w))) === (test.op === 'in'));
    case 'matches':
    case 'not_matches': {
      const re = compiled(String(wanted[0]));
      return result(values.some((v) => re.test(v)) === (test.op === 'matches'));
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const numbers = values.map((v) => toNumber(v, test.unit)).filter((n): n is number => n !== undefined);
      if (numbers.length === 0) return result('unknown');
      const limit = Number(wanted[0]);
      const compare = {
        lt: (n: number) => n < limit,
        le: (n: number) => n <= limit,
        gt: (n: number) => n > limit,
        ge: (n: number) => n >= limit,
      }[test.op];
      return result(numbers.some(compare));
    }
    default:
      return result('unknown');
  }
}

/** Wazuh SCA's truth table: a failing test decides `all`, a passing one `any`, and unknown values give N/A. */
export function combine(condition: Condition, outcomes: TestOutcome[]): RuleStatus {
  const has = (o: TestOutcome) => outcomes.includes(o);
  if (condition === 'all') return has('false') ? 'fail' : has('unknown') ? 'not_applicable' : 'pass';
  if (condition === 'any') return has('true') ? 'pass' : has('unknown') ? 'not_applicable' : 'fail';
  return has('true') ? 'fail' : has('unknown') ? 'not_applicable' : 'pass';
}

/** The tests that explain a failure: failed ones for all/any, matched ones for none. */
export function failingTests(condition: Condition, results: TestResult[]): TestResult[] {
  return results.filter((r) => (condition === 'none' ? r.outcome === 'true' : r.outcome === 'false'));
}
