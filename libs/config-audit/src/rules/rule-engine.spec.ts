import type { ObservedValue, ScopeItem } from '../model';
import { combine, evaluateTest, toNumber } from './rule-engine';
import type { RuleTest } from './rule-types';

/** An item whose values are given directly, one array of argument lists per key. */
function item(values: Record<string, string[][]>, defaults: Record<string, string> = {}): ScopeItem {
  return {
    label: 'test',
    lookup(key): ObservedValue | undefined {
      if (defaults[key] !== undefined)
        return {
          display: key,
          occurrences: [{ text: defaults[key], args: [defaults[key]] }],
          defaultOf: 'x 1.0',
        };
      const found = values[key];
      return (
        found && {
          display: key,
          occurrences: found.map((args, i) => ({
            text: args.join(' '),
            args,
            source: { file: 'f', line: i + 1 },
          })),
        }
      );
    },
  };
}

const outcome = (test: Omit<RuleTest, 'key'> & { key?: string }, values: Record<string, string[][]>) =>
  evaluateTest({ key: 'k', ...test } as RuleTest, item(values)).outcome;

describe('rule engine', () => {
  it('compares scalars case-insensitively and negated operators are exact negations', () => {
    const v = { k: [['No']] };
    expect(outcome({ op: 'equals', value: 'no' }, v)).toBe('true');
    expect(outcome({ op: 'not_equals', value: 'no' }, v)).toBe('false');
    expect(outcome({ op: 'in', value: ['yes', 'NO'] }, v)).toBe('true');
    expect(outcome({ op: 'not_in', value: ['yes'] }, v)).toBe('true');
    expect(outcome({ op: 'matches', value: '^n' }, v)).toBe('true');
    expect(outcome({ op: 'not_matches', value: '^n' }, v)).toBe('false');
  });

  it('passes a positive operator when one occurrence does, and reads one argument with arg', () => {
    const headers = {
      add_header: [
        ['X-Frame-Options', 'DENY'],
        ['Strict-Transport-Security', 'max-age=1', 'always'],
      ],
    };
    const test = (op: RuleTest['op'], value: RuleTest['value'], arg?: number) =>
      evaluateTest({ key: 'add_header', op, value, ...(arg ? { arg } : {}) }, item(headers)).outcome;
    expect(test('contains', 'strict-transport-security', 1)).toBe('true');
    expect(test('contains', 'max-age=1', 1)).toBe('false');
    expect(test('contains_all', ['X-Frame-Options', 'Strict-Transport-Security'], 1)).toBe('true');
    expect(test('not_contains', ['X-Powered-By'], 1)).toBe('true');
    expect(test('matches', '^Strict-Transport-Security ')).toBe('true');
  });

  it('splits list values on commas and white space for contains', () => {
    const v = { ciphers: [['chacha20-poly1305@openssh.com,aes128-cbc']] };
    expect(
      evaluateTest({ key: 'ciphers', op: 'contains', value: ['3des-cbc', 'aes128-cbc'] }, item(v)).outcome,
    ).toBe('true');
    expect(evaluateTest({ key: 'ciphers', op: 'not_contains', value: ['aes128'] }, item(v)).outcome).toBe(
      'true',
    );
  });

  it('treats an unset key as an empty list, unknown for scalar operators unless the test gives a default', () => {
    expect(outcome({ op: 'present' }, {})).toBe('false');
    expect(outcome({ op: 'absent' }, {})).toBe('true');
    expect(outcome({ op: 'contains', value: 'x' }, {})).toBe('false');
    expect(outcome({ op: 'not_contains', value: 'x' }, {})).toBe('true');
    expect(outcome({ op: 'equals', value: 'x' }, {})).toBe('unknown');
    expect(outcome({ op: 'ge', value: 12 }, {})).toBe('unknown');
    const withDefault = evaluateTest({ key: 'k', op: 'matches', value: 'x', default: '' }, item({}));
    expect(withDefault).toMatchObject({
      outcome: 'false',
      ruleDefault: true,
      observed: { defaultOf: 'la règle' },
    });
  });

  it('compares numbers, with durations and sizes when a unit is given', () => {
    expect(outcome({ op: 'le', value: 4 }, { k: [['4']] })).toBe('true');
    expect(outcome({ op: 'lt', value: 4 }, { k: [['4']] })).toBe('false');
    expect(outcome({ op: 'gt', value: 0 }, { k: [['-1']] })).toBe('false');
    expect(outcome({ op: 'ge', value: 12 }, { k: [['abc']] })).toBe('unknown');
    expect(outcome({ op: 'le', value: 60, unit: 'seconds' }, { k: [['1m']] })).toBe('true');
    expect([
      toNumber('1h30m', 'seconds'),
      toNumber('10m', 'bytes'),
      toNumber('75s'),
      toNumber('2k', 'bytes'),
    ]).toEqual([5400, 10485760, undefined, 2048]);
  });

  it('combines outcomes with the Wazuh SCA truth table', () => {
    expect(combine('all', ['true', 'true'])).toBe('pass');
    expect(combine('all', ['true', 'unknown'])).toBe('not_applicable');
    expect(combine('all', ['false', 'unknown'])).toBe('fail');
    expect(combine('any', ['false', 'true'])).toBe('pass');
    expect(combine('any', ['false', 'unknown'])).toBe('not_applicable');
    expect(combine('any', ['false', 'false'])).toBe('fail');
    expect(combine('none', ['false', 'false'])).toBe('pass');
    expect(combine('none', ['unknown', 'false'])).toBe('not_applicable');
    expect(combine('none', ['true', 'unknown'])).toBe('fail');
  });
});
