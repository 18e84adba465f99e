import { QueryFailedError } from 'typeorm';

/** A unique index, named as both dialects report it when a write violates it. */
export interface UniqueIndex {
  /** The index or constraint name (PostgreSQL reports it). */
  name: string;
  /** Its table and columns (SQLite reports "UNIQUE constraint failed: table.column, ..."). */
  table: string;
  columns: string[];
}

const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Whether a write collided with a unique index or primary key, on either dialect: a conflict, not a fault. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || (code !== undefined && SQLITE_UNIQUE_CODES.has(code));
}

/**
 * Whether a write failed because of this very unique index, and not because of another index, a foreign key,
 * a locked database or anything else that a caller must not mistake for "someone else got there first".
 */
export function violatesUniqueIndex(error: unknown, index: UniqueIndex): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as
    { code?: string; constraint?: string; message?: string } | undefined;
  if (driverError?.code === '23505') return driverError.constraint === index.name;
  if (driverError?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return false;
  const failed = /UNIQUE constraint failed: (.+)$/.exec(driverError.message ?? '')?.[1];
  const expected = index.columns.map((column) => `${index.table}.${column}`).join(', ');
  return failed === expected || failed === `index '${index.name}'`;
}

/**
 * The table of the unique index or primary key a failed write collided with, on either dialect; null for any
 * other failure. SQLite names a partial index instead of its columns: `partialIndexTables` maps those names.
 */
export function uniqueViolationTable(
  error: unknown,
  partialIndexTables: Readonly<Record<string, string>> = {},
): string | null {
  if (!isUniqueViolation(error)) return null;
  const driverError = (error as QueryFailedError).driverError as {
    code?: string;
    table?: string;
    message?: string;
  };
  if (driverError.code === '23505') return driverError.table ?? null;
  const failed = /UNIQUE constraint failed: (.+)$/.exec(driverError.message ?? '')?.[1];
  if (!failed) return null;
  const index = /^index '(.+)'$/.exec(failed)?.[1];
  if (index !== undefined) return partialIndexTables[index] ?? null;
  return failed.split('.')[0];
}
