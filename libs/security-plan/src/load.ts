import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { SecurityPlan } from './types';
import { PlanValidationError, validatePlan } from './validate';

/** Parses YAML (or JSON, which is YAML) and validates it; errors name the source, the path and the problem. */
export function parsePlan(text: string, source: string): SecurityPlan {
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    throw new PlanValidationError(source, [
      { path: '(syntax)', problem: (error as Error).message.split('\n')[0] },
    ]);
  }
  return validatePlan(document, source);
}

/** Reads every `<version>.yaml` of a folder; the file name must be the version it declares. */
export function loadPlanDirectory(directory: string): SecurityPlan[] {
  const files = readdirSync(directory)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  return files.map((file) => {
    const path = join(directory, file);
    const plan = parsePlan(readFileSync(path, 'utf8'), path);
    const expected = basename(file).replace(/\.ya?ml$/, '');
    if (plan.version !== expected) {
      throw new PlanValidationError(path, [
        { path: 'version', problem: `is ${plan.version} but the file is named ${file}` },
      ]);
    }
    return plan;
  });
}

/** Canonical JSON: object keys sorted, so equal content gives equal text and hash whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function planHash(plan: SecurityPlan): string {
  return createHash('sha256').update(canonicalJson(plan)).digest('hex');
}

/** Orders versions "2026.2" after "2026.1" and "2026.10" after "2026.9". */
export function compareVersions(a: string, b: string): number {
  const [ay, an] = a.split('.').map(Number);
  const [by, bn] = b.split('.').map(Number);
  return ay - by || an - bn;
}
