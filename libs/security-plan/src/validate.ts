import { ESTABLISHMENT_CATEGORIES } from '@vigie/common';
import { LEVELS, PRIORITIES, type PlanMeasure, type SecurityPlan } from './types';

export interface PlanProblem {
  /** Where in the document, e.g. `measures[3].levels.2` (with the measure id when known). */
  path: string;
  problem: string;
}

export class PlanValidationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: PlanProblem[],
  ) {
    super(
      `Invalid security plan ${source}:\n${problems
        .slice(0, 50)
        .map((p) => `  - ${source}: ${p.path}: ${p.problem}`)
        .join('\n')}${problems.length > 50 ? `\n  ... and ${problems.length - 50} more` : ''}`,
    );
    this.name = 'PlanValidationError';
  }
}

const VERSION = /^\d{4}\.\d{1,3}$/;
const DOMAIN_ID = /^[A-Z]{2,6}$/;
const NIST_CSF = /^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/;
const HHS_CPG = /^(EG|NG)-\d{2}$/;
const CHECK_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed plan document field by field, collecting every problem rather than stopping at the first. */
export function validatePlan(document: unknown, source: string): SecurityPlan {
  const problems: PlanProblem[] = [];
  const fail = (path: string, problem: string) => problems.push({ path, problem });

  const text = (obj: Json, key: string, path: string, max = 4000): string => {
    const value = obj[key];
    if (typeof value !== 'string' || value.trim() === '') fail(`${path}${key}`, 'must be a non-empty string');
    else if (value.length > max) fail(`${path}${key}`, `must be at most ${max} characters`);
    return typeof value === 'string' ? value.trim() : '';
  };
  const integer = (obj: Json, key: string, path: string, min: number, max: number): number => {
    const value = obj[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      fail(`${path}${key}`, `must be an integer from ${min} to ${max}`);
      return min;
    }
    return value;
  };
  const list = <T>(
    obj: Json,
    key: string,
    path: string,
    check: (item: unknown) => item is T,
    what: string,
  ): T[] => {
    const value = obj[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      fail(`${path}${key}`, 'must be a list');
      return [];
    }
    value.forEach((item, i) => {
      if (!check(item)) fail(`${path}${key}[${i}]`, `must be ${what} (got ${JSON.stringify(item)})`);
    });
    return value.filter(check);
  };
  const unknownKeys = (obj: Json, allowed: string[], path: string) => {
    for (const key of Object.keys(obj))
      if (!allowed.includes(key)) fail(`${path}${key}`, 'is not a known field');
  };

  if (!isObject(document))
    throw new PlanValidationError(source, [{ path: '(root)', problem: 'must be a mapping' }]);
  unknownKeys(
    document,
    ['version', 'title', 'description', 'publishedAt', 'tiers', 'domains', 'measures'],
    '',
  );
  const version = text(document, 'version', '');
  if (version && !VERSION.test(version)) fail('version', 'must look like "2026.1" (year, dot, number)');
  const title = text(document, 'title', '', 200);
  const description = text(document, 'description', '');
  const publishedAt = text(document, 'publishedAt', '', 10);
  if (publishedAt && !DATE.test(publishedAt)) fail('publishedAt', 'must be a date YYYY-MM-DD (quote it)');

  const tiersRaw = Array.isArray(document.tiers) ? document.tiers : (fail('tiers', 'must be a list'), []);
  const tiers = tiersRaw.map((raw, i) => {
    const path = `tiers[${i}].`;
    if (!isObject(raw))
      return (fail(`tiers[${i}]`, 'must be a mapping'), { tier: 0, name: '', description: '' });
    unknownKeys(raw, ['tier', 'name', 'description'], path);
    return {
      tier: integer(raw, 'tier', path, 1, 5),
      name: text(raw, 'name', path, 100),
      description: text(raw, 'description', path),
    };
  });
  if (tiersRaw.length > 0 && tiers.map((t) => t.tier).join() !== '1,2,3,4,5')
    fail('tiers', 'must list tiers 1 to 5, in order');

  const domainsRaw = Array.isArray(document.domains)
    ? document.domains
    : (fail('domains', 'must be a list'), []);
  const domains = domainsRaw.map((raw, i) => {
    const path = `domains[${i}].`;
    if (!isObject(raw))
      return (fail(`domains[${i}]`, 'must be a mapping'), { id: '', title: '', description: '', weight: 1 });
    unknownKeys(raw, ['id', 'title', 'description', 'weight'], path);
    const id = text(raw, 'id', path, 6);
    if (id && !DOMAIN_ID.test(id)) fail(`${path}id`, 'must be 2 to 6 upper-case letters');
    return {
      id,
      title: text(raw, 'title', path, 200),
      description: text(raw, 'description', path),
      weight: integer(raw, 'weight', path, 1, 5),
    };
  });
  const domainIds = new Set<string>();
  domains.forEach((d, i) => {
    if (domainIds.has(d.id)) fail(`domains[${i}].id`, `duplicate domain ${d.id}`);
    domainIds.add(d.id);
  });

  const measuresRaw = Array.isArray(document.measures)
    ? document.measures
    : (fail('measures', 'must be a list'), []);
  const measures: PlanMeasure[] = [];
  const measureIds = new Set<string>();
  measuresRaw.forEach((raw, i) => {
    if (!isObject(raw)) return fail(`measures[${i}]`, 'must be a mapping');
    const label = typeof raw.id === 'string' ? ` (${raw.id})` : '';
    const path = `measures[${i}]${label}.`;
    unknownKeys(
      raw,
      [
        'id',
        'domain',
        'title',
        'rationale',
        'question',
        'levels',
        'priority',
        'tier',
        'weight',
        'evidenceExpected',
        'shortMode',
        'applicability',
        'mappings',
        'scanChecks',
      ],
      path,
    );
    const id = text(raw, 'id', path, 12);
    const domain = text(raw, 'domain', path, 6);
    if (domain && !domainIds.has(domain)) fail(`${path}domain`, `unknown domain ${domain}`);
    if (id && !new RegExp(`^${domain}\\.\\d{2}$`).test(id))
      fail(`${path}id`, `must be "${domain || 'DOMAIN'}.NN"`);
    if (measureIds.has(id)) fail(`${path}id`, `duplicate measure ${id}`);
    measureIds.add(id);

    const levels = {} as PlanMeasure['levels'];
    if (!isObject(raw.levels)) fail(`${path}levels`, 'must map each level 0 to 4 to its description');
    else {
      for (const level of LEVELS) levels[level] = text(raw.levels, String(level), `${path}levels.`, 1000);
      for (const key of Object.keys(raw.levels))
        if (!['0', '1', '2', '3', '4'].includes(key)) fail(`${path}levels.${key}`, 'levels are 0 to 4');
    }
    const priority = raw.priority as PlanMeasure['priority'];
    if (!PRIORITIES.includes(priority)) fail(`${path}priority`, `must be one of ${PRIORITIES.join(', ')}`);
    const tier = integer(raw, 'tier', path, 1, 5);
    if (priority === 'prerequisite' && tier !== 1) fail(`${path}tier`, 'a prerequisite belongs to tier 1');
    for (const flag of ['evidenceExpected', 'shortMode']) {
      if (typeof raw[flag] !== 'boolean') fail(`${path}${flag}`, 'must be true or false');
    }

    let applicability: PlanMeasure['applicability'];
    if (raw.applicability !== undefined) {
      if (!isObject(raw.applicability)) fail(`${path}applicability`, 'must be a mapping');
      else {
        const a = raw.applicability;
        unknownKeys(a, ['categories', 'minBeds'], `${path}applicability.`);
        const categories = list(
          a,
          'categories',
          `${path}applicability.`,
          (c): c is (typeof ESTABLISHMENT_CATEGORIES)[number] =>
            ESTABLISHMENT_CATEGORIES.includes(c as never),
          `one of ${ESTABLISHMENT_CATEGORIES.join(', ')}`,
        );
        applicability = {
          ...(a.categories !== undefined ? { categories } : {}),
          ...(a.minBeds !== undefined
            ? { minBeds: integer(a, 'minBeds', `${path}applicability.`, 1, 100000) }
            : {}),
        };
      }
    }

    const mappingsRaw = isObject(raw.mappings)
      ? raw.mappings
      : (fail(`${path}mappings`, 'must be a mapping'), {});
    unknownKeys(mappingsRaw, ['anssiHygiene', 'nistCsf', 'hhsCpg'], `${path}mappings.`);
    const mappings = {
      anssiHygiene: list(
        mappingsRaw,
        'anssiHygiene',
        `${path}mappings.`,
        (n): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 42,
        'an ANSSI hygiene measure number 1-42',
      ),
      nistCsf: list(
        mappingsRaw,
        'nistCsf',
        `${path}mappings.`,
        (s): s is string => typeof s === 'string' && NIST_CSF.test(s),
        'a NIST CSF 2.0 subcategory id like "PR.AA-01"',
      ),
      hhsCpg: list(
        mappingsRaw,
        'hhsCpg',
        `${path}mappings.`,
        (s): s is string => typeof s === 'string' && HHS_CPG.test(s),
        'an HHS HPH CPG id like "EG-03" or "NG-07"',
      ),
    };
    const scanChecks = list(
      raw,
      'scanChecks',
      path,
      (s): s is string => typeof s === 'string' && CHECK_ID.test(s),
      'a check id like "ports.rdp"',
    );

    measures.push({
      id,
      domain,
      title: text(raw, 'title', path, 200),
      rationale: text(raw, 'rationale', path),
      question: text(raw, 'question', path, 1000),
      levels,
      priority,
      tier,
      weight: integer(raw, 'weight', path, 1, 5),
      evidenceExpected: raw.evidenceExpected === true,
      shortMode: raw.shortMode === true,
      ...(applicability ? { applicability } : {}),
      mappings,
      scanChecks,
    });
  });

  for (const d of domains) {
    if (d.id && !measures.some((m) => m.domain === d.id))
      fail(`domains (${d.id})`, 'a domain needs at least one measure');
  }
  if (measures.length === 0) fail('measures', 'a plan needs measures');
  if (problems.length > 0) throw new PlanValidationError(source, problems);
  return { version, title, description, publishedAt, tiers, domains, measures };
}
