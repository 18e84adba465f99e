#!/usr/bin/env node
'use strict';
/**
 * `npm test`: the whole suite. Runs it on SQLite, then again on PostgreSQL when one is reachable at
 * TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test). Starts a private Redis unless REDIS_URL
 * is set. Extra arguments go to Jest (e.g. `npm test -- test/auth.e2e-spec.ts`).
 *   VIGIE_TEST_DIALECTS=sqlite | postgres | sqlite,postgres   which passes to run
 *   VIGIE_REQUIRE_POSTGRES=1                                   fail when PostgreSQL is unreachable (CI)
 */
const { spawnSync, execSync } = require('node:child_process');
const { ensureDependencies, root } = require('./lib/dependencies');
const { startRedis } = require('./lib/redis-server');

const log = (message) => console.log(`[vigie test] ${message}`);

async function postgresReachable(url) {
  const { Client } = require('pg');
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

async function main() {
  const started = Date.now();
  ensureDependencies(log);
  // The worker drain test runs the compiled worker as a real process.
  log('Building the API and the worker...');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });

  const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const wanted = (process.env.VIGIE_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  const dialects = [];
  if (wanted.includes('sqlite')) dialects.push('sqlite');
  if (wanted.includes('postgres')) {
    if (await postgresReachable(postgresUrl)) dialects.push('postgres');
    else if (process.env.VIGIE_REQUIRE_POSTGRES === '1') {
      console.error(`[vigie test] PostgreSQL is required but unreachable at ${postgresUrl}`);
      process.exit(1);
    } else
      log(
        `PostgreSQL not reachable at ${postgresUrl}: PostgreSQL pass skipped (set TEST_POSTGRES_URL to run it)`,
      );
  }

  let redis;
  if (!process.env.REDIS_URL) {
    redis = await startRedis({ log });
    log(`Started a private Redis at ${redis.url}`);
  }
  const cleanup = () => redis?.stop();
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  let failed = false;
  try {
    for (const [pass, dialect] of dialects.entries()) {
      log(`Running the suite on ${dialect}...`);
      const result = spawnSync(
        process.execPath,
        [require.resolve('jest/bin/jest'), '--config', 'jest.config.js', ...process.argv.slice(2)],
        {
          cwd: root,
          stdio: 'inherit',
          env: {
            ...process.env,
            REDIS_URL: process.env.REDIS_URL ?? redis.url,
            TEST_POSTGRES_URL: postgresUrl,
            VIGIE_TEST_DIALECT: dialect,
            VIGIE_POSTGRES_AVAILABLE: dialects.includes('postgres') ? '1' : '0',
            // The pure libraries were tested by the first pass; later passes run what depends on the database.
            ...(pass > 0 ? { VIGIE_DATABASE_TESTS_ONLY: '1' } : {}),
          },
        },
      );
      if (result.status !== 0) {
        failed = true;
        console.error(`[vigie test] Suite FAILED on ${dialect}`);
      }
    }
  } finally {
    cleanup();
  }
  log(
    `${failed ? 'FAILED' : 'Passed'} on ${dialects.join(' and ')} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`[vigie test] ${error.message}`);
  process.exit(1);
});
