import type { ObservedValue } from '../model';
import { formatSource } from '../model';
import type { Condition, RuleTest } from './rule-types';
import { RULE_DEFAULT, type TestResult } from './rule-engine';

const MAX_VALUE = 160;
const quote = (v: unknown) => `« ${String(v)} »`;
const clip = (text: string) => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text);
const values = (test: RuleTest) => (Array.isArray(test.value) ? test.value : [test.value]).map(quote);

/** What the rule expects, in French (`égal à « no »`, `au plus 4`...). */
export function expectation(test: RuleTest): string {
  const v = values(test);
  switch (test.op) {
    case 'equals':
      return `égal à ${v[0]}`;
    case 'not_equals':
      return `différent de ${v[0]}`;
    case 'in':
      return v.length === 1 ? `égal à ${v[0]}` : `l’une des valeurs ${v.join(', ')}`;
    case 'not_in':
      return `aucune des valeurs ${v.join(', ')}`;
    case 'matches':
      return `conforme à l’expression /${test.value}/`;
    case 'not_matches':
      return `non conforme à l’expression /${test.value}/`;
    case 'lt':
      return `inférieur à ${test.value}`;
    case 'le':
      return `au plus ${test.value}`;
    case 'gt':
      return `supérieur à ${test.value}`;
    case 'ge':
      return `au moins ${test.value}`;
    case 'present':
      return 'défini';
    case 'absent':
      return 'non défini';
    case 'contains':
      return `contenant ${v.join(' ou ')}`;
    case 'not_contains':
      return `sans ${v.join(', ')}`;
    case 'contains_all':
      return `contenant ${v.join(' et ')}`;
  }
}

function defaultText(defaultOf: string | undefined): string {
  if (defaultOf === RULE_DEFAULT) return 'valeur supposée par la règle';
  if (!defaultOf) return 'valeur par défaut';
  return `valeur par défaut ${/^[aeiouyAEIOUY]/.test(defaultOf) ? 'd’' : 'de '}${defaultOf}`;
}

/** The effective value and where it comes from: file:line, or whose default it is. */
export function describeValue(observed: ObservedValue | undefined, key: string): string {
  if (!observed || observed.occurrences.length === 0)
    return `${observed?.display ?? key} n’est défini nulle part`;
  const shown = observed.occurrences.slice(0, 4).map((o) => {
    const where = o.source ? formatSource(o.source) : defaultText(observed.defaultOf);
    return `${quote(clip(o.text))} (${where})`;
  });
  const more = observed.occurrences.length > 4 ? ` et ${observed.occurrences.length - 4} autre(s)` : '';
  return `${observed.display} vaut ${shown.join(', ')}${more}`;
}

/** One failed (or, for `none`, matched) test in a sentence. */
export function describeFailure(result: TestResult, condition: Condition): string {
  const { test } = result;
  const prefix = condition === 'none' ? 'interdit : ' : 'attendu : ';
  return `${describeValue(result.observed, test.key)} ; ${prefix}${expectation(test)}`;
}
