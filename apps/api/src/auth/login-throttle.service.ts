import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { RedisClient } from '@vigie/queue';

const WINDOW_MS = 60_000;

/**
 * Login attempts per client IP and minute, counted in Redis so every API instance shares the count. When Redis
 * is unreachable the count falls back to this process alone, rather than refusing every login.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger(LoginThrottleService.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisClient,
  ) {}

  /** Counts one attempt; throws 429 with Retry-After once the limit of the minute is passed. */
  async hit(ip: string): Promise<void> {
    const window = Math.floor(Date.now() / WINDOW_MS);
    const retryAfter = Math.ceil(((window + 1) * WINDOW_MS - Date.now()) / 1000);
    const count = await this.count(`${this.redis.keyPrefix}:login-rate:${ip}:${window}`);
    if (count > this.config.auth.loginRateLimitPerMinute) {
      throw new DomainError(
        ErrorCode.AuthRateLimited,
        `Too many login attempts from this address: try again in ${retryAfter} s`,
        undefined,
        { 'Retry-After': String(retryAfter) },
      );
    }
  }

  private async count(key: string): Promise<number> {
    try {
      const [[, count]] = (await this.redis.redis.multi().incr(key).pexpire(key, WINDOW_MS).exec()) as [
        [Error | null, number],
      ];
      return count;
    } catch (error) {
      this.logger.warn(
        `Redis unavailable for login rate limiting, counting locally: ${(error as Error).message}`,
      );
      const now = Date.now();
      const entry = this.local.get(key);
      if (!entry || entry.resetAt < now) {
        this.local.set(key, { count: 1, resetAt: now + WINDOW_MS });
        return 1;
      }
      entry.count += 1;
      return entry.count;
    }
  }
}
