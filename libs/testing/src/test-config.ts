import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type AppConfig, type DatabaseConfig, projectRoot } from '@vigie/config';

export const TEST_ADMIN = { email: 'admin@test.vigie.local', password: 'admin-password-for-tests' };

/** Redis of the test run: `npm test` starts one when REDIS_URL is unset and passes it down. */
export const testRedisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A complete configuration for one test file: its own database, its own queue prefix, quiet logs. */
export function testConfig(
  database: DatabaseConfig,
  dataDir: string,
  overrides: DeepPartial<AppConfig> = {},
): AppConfig {
  const base: AppConfig = {
    nodeEnv: 'test',
    dataDir,
    logLevel: 'silent',
    database,
    redis: { url: testRedisUrl() },
    queue: { prefix: `vigie-test-${randomBytes(4).toString('hex')}` },
    api: {
      port: 0,
      corsOrigins: ['https://console.example.fr'],
      bodyLimitBytes: 64 * 1024,
      trustProxy: false,
    },
    auth: {
      jwtSecret: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 3600,
      loginMaxFailures: 5,
      loginLockSeconds: 900,
      loginRateLimitPerMinute: 1000,
      principalCacheTtlSeconds: 60,
    },
    admin: { ...TEST_ADMIN },
    worker: { healthPort: 0, concurrency: 2, shutdownTimeoutMs: 10000, housekeepingCron: 'off' },
    demoData: false,
    securityPlan: { directory: join(projectRoot(), 'config', 'security-plan') },
    evidence: { directory: join(dataDir, 'evidence'), maxBytes: 256 * 1024 },
    outbox: { pollMs: 200 },
    scan: {
      allowedNetworks: '127.0.0.0/8',
      dnsServers: [],
      intervalDays: 7,
      // Off in tests unless a test turns it on: a scheduler firing on its own would race the test's scans.
      schedulerTickSeconds: 0,
      maxPerEstablishment: 2,
      globalConcurrency: 8,
      checkTimeoutMs: 20000,
      connectTimeoutMs: 2500,
      checkAttempts: 2,
      staleAfterSeconds: 300,
      configFileMaxBytes: 256 * 1024,
    },
  };
  return {
    ...base,
    ...overrides,
    api: { ...base.api, ...overrides.api },
    auth: { ...base.auth, ...overrides.auth },
    worker: { ...base.worker, ...overrides.worker },
    queue: { ...base.queue, ...overrides.queue },
    redis: { ...base.redis, ...overrides.redis },
    scan: { ...base.scan, ...overrides.scan },
  } as AppConfig;
}
