import { isIP } from 'node:net';
import { SEVERITIES } from '@vigie/common';
import { CONFIG_KINDS, type ConfigKind, type SshdConnection } from '../model';
import { SSHD_RULE_KEYS } from '../sshd/sshd-keywords';
import {
  CONDITIONS,
  KIND_CHECK_IDS,
  KIND_RULE_PREFIX,
  KIND_SCOPES,
  RULE_OPS,
  UNITS,
  type ConfigRule,
  type RuleTest,
  type RuleWhen,
  type Scalar,
} from './rule-types';

/** Every problem of one or more rule files, each as "file: path (rule id): problem". */
export class RuleValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration rules:\n${problems
        .slice(0, 50)
        .map((p) => `  - ${p}`)
        .join('\n')}${problems.length > 50 ? `\n  ... and ${problems.length - 50} more` : ''}`,
    );
    this.name = 'RuleValidationError';
  }
}

export interface RuleValidationOptions {
  /** Measures of the security plan and their scan checks; when given, every rule's measures must exist there
   * and observe the rule's check. */
  measures?: Map<string, string[]>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

const RULE_ID = /^[A-Z]+-\d{3}$/;
const MEASURE_ID = /^[A-Z]{2,6}\.\d{2}$/;
const LIST_OPS = ['in', 'not_in', 'contains_all'];
const SCALAR_OR_LIST_OPS = ['contains', 'not_contains'];
const NUMBER_OPS = ['lt', 'le', 'gt', 'ge'];
const KEYLESS_VALUE_OPS = ['present', 'absent'];

/**
 * Checks one parsed rule file field by field and returns its rules; problems are appended to `problems`
 * (nothing is thrown here, so that every file's problems can be reported at once).
 */
export function validateRuleFile(
  document: unknown,
  file: string,
  problems: string[],
  options: RuleValidationOptions = {},
): ConfigRule[] {
  const fail = (path: string, problem: string, id?: string) =>
    problems.push(`${file}: ${path}${id ? ` (${id})` : ''}: ${problem}`);
  if (!isObject(document)) return (fail('(root)', 'must be a mapping with kind, version and rules'), []);
  unknownKeys(document, ['kind', 'version', 'rules'], '', fail);
  const kind = document.kind as ConfigKind;
  if (!CONFIG_KINDS.includes(kind)) fail('kind', `must be one of ${CONFIG_KINDS.join(', ')}`);
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    fail('version', 'must be a positive integer, raised whenever a rule changes');
  if (!Array.isArray(document.rules) || document.rules.length === 0) {
    fail('rules', 'must be a non-empty list');
    return [];
  }
  if (!CONFIG_KINDS.includes(kind)) return [];

  const rules: ConfigRule[] = [];
  document.rules.forEach((raw, i) => {
    const path = `rules[${i}]`;
    if (!isObject(raw)) return fail(path, 'must be a mapping');
    const id = typeof raw.id === 'string' ? raw.id : undefined;
    const at = (field: string, problem: string) => fail(`${path}.${field}`, problem, id);
    const before = problems.length;
    unknownKeys(
      raw,
      [
        'id',
        'checkId',
        'title',
        'rationale',
        'remediation',
        'severity',
        'measures',
        'references',
        'scope',
        'context',
        'condition',
        'when',
        'tests',
      ],
      `${path}.`,
      (p, problem) => fail(p, problem, id),
    );
    if (!id || !RULE_ID.test(id) || !id.startsWith(`${KIND_RULE_PREFIX[kind]}-`))
      at('id', `must look like "${KIND_RULE_PREFIX[kind]}-001"`);
    if (raw.checkId !== KIND_CHECK_IDS[kind])
      at('checkId', `must be "${KIND_CHECK_IDS[kind]}" for ${kind} rules`);
    for (const field of ['title', 'rationale', 'remediation']) {
      const value = raw[field];
      if (typeof value !== 'string' || value.trim() === '')
        at(field, 'must be a non-empty string (in French)');
      else if (field === 'title' && value.length > 160) at(field, 'must be at most 160 characters');
    }
    if (!SEVERITIES.includes(raw.severity as never))
      at('severity', `must be one of ${SEVERITIES.join(', ')}`);
    const measures = Array.isArray(raw.measures) ? raw.measures : [];
    if (!Array.isArray(raw.measures) || measures.length === 0) at('measures', 'must be a non-empty list');
    measures.forEach((m, j) => {
      if (typeof m !== 'string' || !MEASURE_ID.test(m))
        return at(`measures[${j}]`, 'must be a measure id like "MCS.09"');
      const checks = options.measures?.get(m);
      if (options.measures && !checks) at(`measures[${j}]`, `unknown measure ${m} in the security plan`);
      else if (checks && !checks.includes(KIND_CHECK_IDS[kind]))
        at(`measures[${j}]`, `measure ${m} does not list ${KIND_CHECK_IDS[kind]} in its scanChecks`);
    });
    if (
      raw.references !== undefined &&
      (!Array.isArray(raw.references) || !raw.references.every((r) => typeof r === 'string'))
    )
      at('references', 'must be a list of strings');
    if (raw.scope !== undefined && !KIND_SCOPES[kind].includes(raw.scope as string))
      at('scope', `must be one of ${KIND_SCOPES[kind].join(', ')} for ${kind} rules`);
    if (raw.context !== undefined) validateContext(raw.context, kind, (f, p) => at(`context${f}`, p));
    if (raw.condition !== undefined && !CONDITIONS.includes(raw.condition as never))
      at('condition', `must be one of ${CONDITIONS.join(', ')}`);
    let when: RuleWhen | undefined;
    if (raw.when !== undefined) {
      if (!isObject(raw.when)) at('when', 'must be a mapping with condition and tests');
      else {
        unknownKeys(raw.when, ['condition', 'tests'], `${path}.when.`, (p, problem) => fail(p, problem, id));
        const condition = raw.when.condition ?? 'all';
        if (condition !== 'all' && condition !== 'any') at('when.condition', 'must be all or any');
        const tests = validateTests(raw.when.tests, kind, (f, p) => at(`when.tests${f}`, p));
        when = { condition: condition as RuleWhen['condition'], tests };
      }
    }
    const tests = validateTests(raw.tests, kind, (f, p) => at(`tests${f}`, p));
    if (problems.length > before) return;
    rules.push({
      id: id!,
      kind,
      fileVersion: version as number,
      checkId: raw.checkId as string,
      title: (raw.title as string).trim(),
      rationale: (raw.rationale as string).trim(),
      remediation: (raw.remediation as string).trim(),
      severity: raw.severity as ConfigRule['severity'],
      measures: measures as string[],
      ...(raw.references ? { references: raw.references as string[] } : {}),
      ...(raw.scope ? { scope: raw.scope as string } : {}),
      ...(raw.context ? { context: raw.context as SshdConnection } : {}),
      condition: (raw.condition as ConfigRule['condition']) ?? 'all',
      ...(when ? { when } : {}),
      tests,
    });
  });
  return rules;
}

function unknownKeys(
  obj: Json,
  allowed: string[],
  path: string,
  fail: (path: string, problem: string) => void,
) {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key)) fail(`${path}${key}`, 'is not a known field');
}

function validateContext(context: unknown, kind: ConfigKind, fail: (field: string, problem: string) => void) {
  if (kind !== 'sshd') return fail('', 'only sshd rules take a connection context');
  if (!isObject(context))
    return fail('', 'must be a mapping (user, groups, host, addr, laddr, lport, rdomain)');
  unknownKeys(context, ['user', 'groups', 'host', 'addr', 'laddr', 'lport', 'rdomain'], '.', fail);
  for (const field of ['user', 'host', 'rdomain'])
    if (context[field] !== undefined && typeof context[field] !== 'string')
      fail(`.${field}`, 'must be a string');
  for (const field of ['addr', 'laddr'])
    if (context[field] !== undefined && (typeof context[field] !== 'string' || isIP(context[field]) === 0))
      fail(`.${field}`, 'must be an IP address');
  if (context.lport !== undefined && !(Number.isInteger(context.lport) && (context.lport as number) > 0))
    fail('.lport', 'must be a port number');
  if (
    context.groups !== undefined &&
    (!Array.isArray(context.groups) || !context.groups.every((g) => typeof g === 'string'))
  )
    fail('.groups', 'must be a list of group names');
}

function validateKey(key: unknown, kind: ConfigKind): string | undefined {
  if (typeof key !== 'string' || key === '') return 'must be a non-empty string';
  if (kind === 'sshd' && !SSHD_RULE_KEYS.includes(key))
    return `"${key}" is not an sshd keyword as sshd -T prints it (lower case, no alias)`;
  if ((kind === 'nginx' || kind === 'apache') && !/^[a-z_][a-z0-9_]*$/.test(key))
    return 'must be a directive name in lower case';
  if (kind === 'secedit' && !/^[^/]+\/.+$/.test(key))
    return 'must be "Section/Key", e.g. "System Access/MinimumPasswordLength"';
  return undefined;
}

function validateTests(
  raw: unknown,
  kind: ConfigKind,
  fail: (field: string, problem: string) => void,
): RuleTest[] {
  if (!Array.isArray(raw) || raw.length === 0) return (fail('', 'must be a non-empty list'), []);
  return raw.flatMap((test, i): RuleTest[] => {
    const f = (field: string, problem: string) => fail(`[${i}]${field ? `.${field}` : ''}`, problem);
    if (!isObject(test)) return (f('', 'must be a mapping with key and op'), []);
    unknownKeys(test, ['key', 'op', 'value', 'arg', 'unit', 'default'], '', (p, problem) => f(p, problem));
    const keyProblem = validateKey(test.key, kind);
    if (keyProblem) f('key', keyProblem);
    const op = test.op as RuleTest['op'];
    if (!RULE_OPS.includes(op)) return (f('op', `must be one of ${RULE_OPS.join(', ')}`), []);
    const value = test.value;
    const scalarList = Array.isArray(value) && value.length > 0 && value.every(isScalar);
    if (KEYLESS_VALUE_OPS.includes(op)) {
      if (value !== undefined) f('value', `${op} takes no value`);
    } else if (LIST_OPS.includes(op)) {
      if (!scalarList) f('value', `${op} needs a non-empty list of values`);
    } else if (SCALAR_OR_LIST_OPS.includes(op)) {
      if (!isScalar(value) && !scalarList) f('value', `${op} needs a value or a non-empty list of values`);
    } else if (NUMBER_OPS.includes(op)) {
      if (typeof value !== 'number') f('value', `${op} needs a number`);
    } else if (op === 'matches' || op === 'not_matches') {
      if (typeof value !== 'string') f('value', `${op} needs a regular expression (a string)`);
      else
        try {
          new RegExp(value, 'i');
        } catch (error) {
          f('value', (error as Error).message);
        }
    } else if (!isScalar(value)) f('value', `${op} needs a single value`);
    if (test.unit !== undefined && (!NUMBER_OPS.includes(op) || !UNITS.includes(test.unit as never)))
      f('unit', `only lt, le, gt and ge take a unit (${UNITS.join(' or ')})`);
    if (
      test.arg !== undefined &&
      !(Number.isInteger(test.arg) && (test.arg as number) >= 1 && (test.arg as number) <= 20)
    )
      f('arg', 'must be an argument position from 1 to 20');
    if (test.default !== undefined && !isScalar(test.default)) f('default', 'must be a single value');
    return [test as unknown as RuleTest];
  });
}
