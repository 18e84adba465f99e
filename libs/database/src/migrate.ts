import type { DataSource } from 'typeorm';

/** Arbitrary, stable key of the PostgreSQL advisory lock that serialises migrations across API instances. */
const MIGRATION_LOCK_KEY = 7346121;

/** Runs pending migrations once, even when several API instances start together on PostgreSQL. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** For processes that do not own the schema (the worker): wait until the API has migrated it. */
export async function waitForSchema(dataSource: DataSource, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let pending: boolean;
    try {
      pending = await dataSource.showMigrations();
    } catch {
      pending = true;
    }
    if (!pending) return;
    if (Date.now() > deadline) {
      throw new Error(
        `database schema still has pending migrations after ${timeoutMs} ms: is the API running?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
