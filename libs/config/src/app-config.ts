import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { parseNetworks } from '@vigie/net-guard';
import { EnvironmentVariables, LOG_LEVELS, NODE_ENVS } from './environment';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

/** Typed configuration handed to every module; read once from the environment, never from process.env later. */
export interface AppConfig {
  nodeEnv: (typeof NODE_ENVS)[number];
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  database: DatabaseConfig;
  /** Defaults to redis://127.0.0.1:6379; the start command sets it to the Redis it starts. */
  redis: { url: string };
  queue: { prefix: string };
  api: {
    port: number;
    corsOrigins: string[];
    bodyLimitBytes: number;
    /** Express `trust proxy`: false, a hop count, or the proxies' addresses. */
    trustProxy: false | number | string[];
    metricsToken?: string;
  };
  auth: {
    /** Unset in development until resolveJwtSecret() reads or creates the secret in DATA_DIR. */
    jwtSecret?: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginMaxFailures: number;
    loginLockSeconds: number;
    loginRateLimitPerMinute: number;
    /** How long a resolved principal may stay in an API instance's memory between revocation checks; 0: off. */
    principalCacheTtlSeconds: number;
  };
  admin?: { email: string; password: string };
  worker: { healthPort: number; concurrency: number; shutdownTimeoutMs: number; housekeepingCron: string };
  demoData: boolean;
  securityPlan: {
    /** Folder of the plan files (config/security-plan). */
    directory: string;
    /** The version new assessments use; unset means the latest published. */
    currentVersion?: string;
  };
  evidence: { directory: string; maxBytes: number };
  /** How often the API retries jobs that could not reach Redis when they were requested. */
  outbox: { pollMs: number };
  scan: {
    allowedNetworks: string;
    dnsServers: string[];
    intervalDays: number;
    schedulerTickSeconds: number;
    maxPerEstablishment: number;
    globalConcurrency: number;
    checkTimeoutMs: number;
    connectTimeoutMs: number;
    checkAttempts: number;
    staleAfterSeconds: number;
    configFileMaxBytes: number;
  };
}

/** The repository root (where config/ lives), found from this file whether it runs from src or dist. */
export function projectRoot(start: string = __dirname): string {
  let dir = resolve(start);
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'config'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Vigie project root above ${start}`);
    dir = parent;
  }
  return dir;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[], raw: Record<string, string | undefined>): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => {
      const shown = /SECRET|PASSWORD|TOKEN/.test(error.property)
        ? ''
        : ` (got "${raw[error.property] ?? ''}")`;
      const text = message.startsWith(error.property) ? message.slice(error.property.length).trim() : message;
      return `${error.property} ${text}${shown}`;
    }),
  );
}

/** Validates the environment; throws a ConfigError naming every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(new EnvironmentVariables())) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  // Optional variables have no initializer, so they are not own keys of a fresh instance.
  for (const key of [
    'DATABASE_URL',
    'REDIS_URL',
    'JWT_SECRET',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'METRICS_TOKEN',
  ]) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { forbidUnknownValues: true });
  const problems = describe(errors, raw);
  if (vars.NODE_ENV === 'production' && vars.DEMO_DATA)
    problems.push('DEMO_DATA must not be true in production');
  try {
    parseNetworks(vars.SCAN_ALLOWED_NETWORKS);
  } catch (error) {
    problems.push(`SCAN_ALLOWED_NETWORKS ${(error as Error).message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = isAbsolute(vars.DATA_DIR) ? vars.DATA_DIR : resolve(process.cwd(), vars.DATA_DIR);
  return {
    nodeEnv: vars.NODE_ENV,
    dataDir,
    logLevel: vars.LOG_LEVEL,
    database: vars.DATABASE_URL
      ? { type: 'postgres', url: vars.DATABASE_URL }
      : { type: 'sqlite', path: resolve(dataDir, 'vigie.sqlite') },
    redis: { url: vars.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    queue: { prefix: vars.QUEUE_PREFIX },
    api: {
      port: vars.PORT,
      corsOrigins: vars.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      bodyLimitBytes: vars.BODY_LIMIT_BYTES,
      trustProxy:
        vars.TRUST_PROXY === '' || vars.TRUST_PROXY === 'false'
          ? false
          : /^\d+$/.test(vars.TRUST_PROXY)
            ? Number(vars.TRUST_PROXY)
            : vars.TRUST_PROXY.split(',').map((p) => p.trim()),
      metricsToken: vars.METRICS_TOKEN,
    },
    auth: {
      jwtSecret: vars.JWT_SECRET,
      accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: vars.REFRESH_TOKEN_TTL_SECONDS,
      loginMaxFailures: vars.LOGIN_MAX_FAILURES,
      loginLockSeconds: vars.LOGIN_LOCK_SECONDS,
      loginRateLimitPerMinute: vars.LOGIN_RATE_LIMIT_PER_MINUTE,
      principalCacheTtlSeconds: vars.PRINCIPAL_CACHE_TTL_SECONDS,
    },
    admin:
      vars.ADMIN_EMAIL && vars.ADMIN_PASSWORD
        ? { email: vars.ADMIN_EMAIL.toLowerCase(), password: vars.ADMIN_PASSWORD }
        : undefined,
    worker: {
      healthPort: vars.WORKER_HEALTH_PORT,
      concurrency: vars.WORKER_CONCURRENCY,
      shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
      housekeepingCron: vars.HOUSEKEEPING_CRON,
    },
    demoData: vars.DEMO_DATA,
    securityPlan: {
      directory: resolve(projectRoot(), 'config', 'security-plan'),
      currentVersion: vars.SECURITY_PLAN_VERSION,
    },
    evidence: { directory: resolve(dataDir, 'evidence'), maxBytes: vars.EVIDENCE_MAX_BYTES },
    outbox: { pollMs: vars.OUTBOX_POLL_MS },
    scan: {
      allowedNetworks: vars.SCAN_ALLOWED_NETWORKS,
      dnsServers: vars.SCAN_DNS_SERVERS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      intervalDays: vars.SCAN_INTERVAL_DAYS,
      schedulerTickSeconds: vars.SCAN_SCHEDULER_TICK_SECONDS,
      maxPerEstablishment: vars.SCAN_MAX_PER_ESTABLISHMENT,
      globalConcurrency: vars.SCAN_GLOBAL_CONCURRENCY,
      checkTimeoutMs: vars.SCAN_CHECK_TIMEOUT_MS,
      connectTimeoutMs: vars.SCAN_CONNECT_TIMEOUT_MS,
      checkAttempts: vars.SCAN_CHECK_ATTEMPTS,
      staleAfterSeconds: vars.SCAN_STALE_AFTER_SECONDS,
      configFileMaxBytes: vars.CONFIG_FILE_MAX_BYTES,
    },
  };
}
