import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@vigie/config';
import { Client } from 'pg';

/** The PostgreSQL server tests use when they run on PostgreSQL; `npm test` sets it when one is reachable. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Which dialect the whole suite runs on: `npm test` sets VIGIE_TEST_DIALECT=postgres for the PostgreSQL pass. */
export const testDialect = (): 'sqlite' | 'postgres' =>
  process.env.VIGIE_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  config: DatabaseConfig;
  dataDir: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function postgresReachable(url = TEST_POSTGRES_URL): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh, empty database for one test file: a new PostgreSQL database, or a SQLite file in a temp dir. */
export async function createTestDatabase(dialect = testDialect()): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-test-'));
  if (dialect === 'sqlite') {
    return {
      config: { type: 'sqlite', path: join(dataDir, 'vigie.sqlite') },
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `vigie_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    config: { type: 'postgres', url: withDatabase(TEST_POSTGRES_URL, name) },
    dataDir,
    drop: async () => {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
