import { DomainError, ErrorCode, type ErrorDetail } from '@vigie/common';

/** Deepest nesting of objects and arrays a body may have; no DTO of the API goes past a handful of levels. */
export const MAX_BODY_DEPTH = 32;
/** Problems listed in one answer: enough to fix a form, not a megabyte of details for a hostile body. */
const MAX_DETAILS = 20;
/** Keys that mean something to JavaScript objects: refused like any unknown field, never silently dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What no database stores faithfully: PostgreSQL refuses NUL in text, SQLite keeps it and then truncates it in
 * some functions, and an unpaired UTF-16 surrogate has no UTF-8 encoding (SQLite silently replaces it).
 */
export function stringProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired surrogate';
  return undefined;
}

/** A key as it can appear in a field path: escaped when it holds what the rule refuses. */
const printable = (key: string) => (stringProblem(key) ? JSON.stringify(key).slice(1, -1) : key);
const join = (parent: string, key: string) => (parent ? `${parent}.${printable(key)}` : printable(key));

export interface InputReport {
  /** Nested deeper than MAX_BODY_DEPTH (the walk stops there). */
  tooDeep: boolean;
  /** Strings (values or keys) holding NUL or an unpaired surrogate. */
  badStrings: ErrorDetail[];
  /** `__proto__`, `constructor`, `prototype` keys. */
  prototypeKeys: ErrorDetail[];
}

/**
 * Walks parsed JSON (or a query object) once, with an explicit stack so no depth can overflow the call stack,
 * in document order so details read like the body.
 */
export function inspectInput(value: unknown): InputReport {
  const report: InputReport = { tooDeep: false, badStrings: [], prototypeKeys: [] };
  const stack: Entry[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth, key } = stack.pop()!;
    if (key !== undefined) {
      const keyProblem = stringProblem(key);
      if (keyProblem) add(report.badStrings, { field: path, problem: `the field name ${keyProblem}` });
      if (PROTOTYPE_KEYS.has(key))
        add(report.prototypeKeys, { field: path, problem: `property ${key} should not exist` });
    }
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) add(report.badStrings, path ? { field: path, problem } : { problem });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      report.tooDeep = true;
      return report;
    }
    const children: Entry[] = Array.isArray(current)
      ? current.map((item, index) => ({ value: item, path: join(path, String(index)), depth: depth + 1 }))
      : Object.keys(current).map((name) => ({
          value: (current as Record<string, unknown>)[name],
          path: join(path, name),
          depth: depth + 1,
          key: name,
        }));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return report;
}

interface Entry {
  value: unknown;
  path: string;
  depth: number;
  /** The key this value was found under, checked when the value is visited to keep document order. */
  key?: string;
}

function add(details: ErrorDetail[], detail: ErrorDetail) {
  if (details.length < MAX_DETAILS) details.push(detail);
}

export const INVALID_STRING_MESSAGE = 'Strings must not contain NUL characters or unpaired surrogates';

/** The error a report calls for, if any: depth first (the walk stopped there), then strings, then keys. */
export function inputRefusal(report: InputReport): DomainError | undefined {
  if (report.tooDeep)
    return new DomainError(
      ErrorCode.RequestMalformed,
      `The body is nested deeper than ${MAX_BODY_DEPTH} levels`,
    );
  if (report.badStrings.length > 0)
    return new DomainError(ErrorCode.RequestInvalidString, INVALID_STRING_MESSAGE, report.badStrings);
  if (report.prototypeKeys.length > 0)
    return new DomainError(ErrorCode.RequestInvalid, 'Validation failed', report.prototypeKeys);
  return undefined;
}
