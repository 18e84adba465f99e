import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';

/** Attempts of a statement that found the database locked by another process, each after the busy timeout. */
const SQLITE_BUSY_ATTEMPTS = 6;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY...), raw or wrapped by TypeORM. */
export function isSqliteBusy(error: unknown): boolean {
  const wrapped = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = wrapped?.driverError?.code ?? wrapped?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * SQLite on one file shared by the API and the worker (WAL: many readers, one writer).
 *
 * - Every transaction starts with `BEGIN IMMEDIATE`, which takes the write lock before the first read. A
 *   deferred `BEGIN` reads a snapshot first; if the other process commits before our first write, that write
 *   fails at once with SQLITE_BUSY_SNAPSHOT, and the busy timeout cannot help (waiting cannot refresh the
 *   snapshot). Taking the lock up front makes the busy timeout apply instead.
 * - A `BEGIN IMMEDIATE`, or a statement outside any transaction, that still finds the database locked after the
 *   busy timeout is tried again a bounded number of times, yielding the event loop in between. Nothing ran yet
 *   in either case, so trying again is safe; a statement inside a transaction is never retried on its own.
 * - SQLite runs every query of a process on one connection, so two transactions started by concurrent requests
 *   or jobs would nest ("cannot start a transaction within a transaction"). Transactions of the data source's
 *   manager are therefore run one after another. This does not isolate them: a single write made outside any
 *   transaction while one is open joins it (and would be undone with it). The writes that must not be lost are
 *   in transactions.
 *
 * PostgreSQL, the production database, has a pool and real isolation and is left alone.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  takeTheWriteLockUpFront(dataSource.driver.createQueryRunner('master'));
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    const run = tail.then(() => transaction(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof manager.transaction;
}

/** better-sqlite3's driver has one query runner per data source: every query of the process goes through it. */
function takeTheWriteLockUpFront(runner: QueryRunner) {
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = (async (sql: string, ...rest: unknown[]) => {
    const begin = /^\s*BEGIN(\s+TRANSACTION)?\s*$/i.test(sql);
    // TypeORM marks the transaction active before it sends BEGIN: `begin` is checked first.
    const nothingRanYet = begin || !runner.isTransactionActive;
    for (let attempt = 1; ; attempt++) {
      try {
        return await query(begin ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);
      } catch (error) {
        if (!nothingRanYet || !isSqliteBusy(error) || attempt >= SQLITE_BUSY_ATTEMPTS) throw error;
        await delay(25 * attempt + Math.floor(Math.random() * 25));
      }
    }
  }) as QueryRunner['query'];
}
