import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value;
};

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable Vigie reads, with its default. The README table is written from this class:
 * keep the two in step.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL (unset it to use SQLite)' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Matches(/^[a-z0-9][a-z0-9:_-]{0,40}$/i, { message: 'must be 1-41 letters, digits, ":", "_" or "-"' })
  QUEUE_PREFIX = 'vigie';

  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString({ message: 'is required when NODE_ENV=production' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(90 * 86400)
  REFRESH_TOKEN_TTL_SECONDS = 14 * 86400;

  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @ValidateIf(
    (env: EnvironmentVariables) => env.ADMIN_EMAIL !== undefined || env.ADMIN_PASSWORD !== undefined,
  )
  @IsString({ message: 'is required when ADMIN_EMAIL is set' })
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(256)
  ADMIN_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCK_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  PRINCIPAL_CACHE_TTL_SECONDS = 60;

  @IsString()
  CORS_ORIGINS = '';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /**
   * Which proxies may set X-Forwarded-For: a hop count or a list of addresses/CIDRs (and Express's names
   * loopback, linklocal, uniquelocal). Never "true": that would let any client choose its own address.
   */
  @Matches(
    /^(|false|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?))*)$/,
    {
      message:
        'must be a number of proxy hops (e.g. 1) or a list of proxy addresses/CIDRs (e.g. loopback,10.0.0.0/8); "true" is refused',
    },
  )
  TRUST_PROXY = '';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WORKER_CONCURRENCY = 4;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 30000;

  @Matches(/^(off|\S+ \S+ \S+ \S+ \S+)$/, { message: 'must be a 5-field cron expression or "off"' })
  HOUSEKEEPING_CRON = '17 3 * * *';

  @Transform(toBool)
  @IsBoolean()
  DEMO_DATA = false;

  @IsOptional()
  @Matches(/^\d{4}\.\d{1,3}$/, { message: 'must be a plan version such as 2026.1' })
  SECURITY_PLAN_VERSION?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  OUTBOX_POLL_MS = 2000;

  /** CIDR list of otherwise forbidden networks scans may reach (tests: 127.0.0.0/8). */
  @IsString()
  SCAN_ALLOWED_NETWORKS = '';

  /** Resolvers for scans and ownership checks, as "address" or "address:port", comma-separated; empty: the system's. */
  @IsString()
  SCAN_DNS_SERVERS = '';

  /** Days between two scheduled scans of a verified asset; the scans are spread over the period. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SCAN_INTERVAL_DAYS = 7;

  /** How often the scheduler looks for assets due (seconds); 0 turns scheduled scans off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  SCAN_SCHEDULER_TICK_SECONDS = 300;

  /** Scans of one establishment queued or running at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  SCAN_MAX_PER_ESTABLISHMENT = 2;

  /** Scans running at once across every worker (BullMQ global concurrency of the scans queue). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  SCAN_GLOBAL_CONCURRENCY = 32;

  /** Time allowed to one check family on one target (ports, TLS, HTTP, DNS, configuration). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  SCAN_CHECK_TIMEOUT_MS = 120000;

  /** Connect timeout of one port probe (tried twice before the port counts as filtered). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(30000)
  SCAN_CONNECT_TIMEOUT_MS = 2500;

  /** Attempts of a check that failed for a transient reason (network error, timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  SCAN_CHECK_ATTEMPTS = 2;

  /** A running scan whose worker has not reported for this long is taken back (seconds). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  SCAN_STALE_AFTER_SECONDS = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  CONFIG_FILE_MAX_BYTES = 1024 * 1024;
}
