import type { DataSource } from 'typeorm';

/**
 * SQLite runs every query of a process on one connection, so two transactions started by concurrent requests or
 * jobs would nest ("cannot start a transaction within a transaction"). On SQLite, transactions of the data
 * source's manager are therefore run one after another. PostgreSQL, with its pool, is left alone.
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
