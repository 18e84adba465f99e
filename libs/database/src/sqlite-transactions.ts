import type { DataSource } from 'typeorm';

/**
 * SQLite runs every query of a process on one connection, so two transactions started by concurrent requests or
 * jobs would nest ("cannot start a transaction within a transaction"). On SQLite, transactions of the data
 * source's manager are therefore run one after another. This does not isolate them: a single write made outside
 * any transaction while one is open joins it (and would be undone with it). The writes that must not be lost are
 * in transactions; PostgreSQL, the production database, has a pool and real isolation and is left alone.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    const run = tail.then(() => transaction(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof manager.transaction;
}
