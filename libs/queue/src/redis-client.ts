import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from './redis-connection';

/** A plain Redis client for health checks and counters; fails fast rather than queueing when Redis is down. */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly redis: Redis;
  readonly keyPrefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis({ ...redisOptionsFromUrl(config.redis.url, 'probe'), lazyConnect: true });
    this.redis.on('error', () => undefined); // reported by health checks, not as unhandled events
    this.redis.connect().catch(() => undefined);
    this.keyPrefix = config.queue.prefix;
  }

  /** Round-trip time of a PING in ms; throws when Redis does not answer within `timeoutMs`. */
  async ping(timeoutMs = 1000): Promise<number> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return Math.round((performance.now() - started) * 10) / 10;
  }

  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
