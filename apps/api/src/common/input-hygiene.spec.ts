import { inspectInput, MAX_BODY_DEPTH, stringProblem } from './input-hygiene';

const nestedArrays = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;

describe('inspectInput', () => {
  it('allows MAX_BODY_DEPTH levels and stops at the next one', () => {
    expect(inspectInput(nestedArrays(MAX_BODY_DEPTH)).tooDeep).toBe(false);
    expect(inspectInput(nestedArrays(MAX_BODY_DEPTH + 1)).tooDeep).toBe(true);
  });

  it('walks 100,000 levels (far past any call stack) without recursing', () => {
    expect(inspectInput(nestedArrays(100_000)).tooDeep).toBe(true);
  });

  it('names bad strings and keys in document order, with dotted paths and escaped keys', () => {
    const report = inspectInput({
      a: 'fine',
      b: ['ok', { c: 'x\u0000' }],
      ['k\ud800']: 'y\udc00',
      d: { __proto__: null, constructor: 1 },
    });
    expect(report.badStrings).toEqual([
      { field: 'b.1.c', problem: 'contains a NUL character' },
      { field: 'k\\ud800', problem: 'the field name contains an unpaired surrogate' },
      { field: 'k\\ud800', problem: 'contains an unpaired surrogate' },
    ]);
    expect(report.prototypeKeys).toEqual([
      { field: 'd.constructor', problem: 'property constructor should not exist' },
    ]);
  });

  it('sees __proto__ as JSON.parse creates it: an own key', () => {
    const report = inspectInput(JSON.parse('{"x":{"__proto__":{"admin":true}}}'));
    expect(report.prototypeKeys).toEqual([
      { field: 'x.__proto__', problem: 'property __proto__ should not exist' },
    ]);
  });

  it('lists at most 20 problems', () => {
    expect(inspectInput(Array.from({ length: 100 }, () => '\u0000')).badStrings).toHaveLength(20);
  });
});

describe('stringProblem', () => {
  it('accepts surrogate pairs and every other character', () => {
    expect(stringProblem('GHT 🏥 Paris\t\n\u0001\uFFFD')).toBeUndefined();
  });

  it.each(['\ud800', 'a\udbffb', '\udc00', 'x\udfff', '🏥\ud83c', '\udfe5🏥'])(
    'refuses the lone surrogate in %j',
    (text) => {
      expect(stringProblem(text)).toBe('contains an unpaired surrogate');
    },
  );
});
