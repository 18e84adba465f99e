import type { RedisOptions } from 'ioredis';

/**
 * ioredis options from a redis:// or rediss:// URL.
 * - `producer`: HTTP handlers must fail fast when Redis is down instead of queueing commands forever.
 * - `worker`: BullMQ workers need blocking commands that retry indefinitely.
 */
export function redisOptionsFromUrl(url: string, role: 'producer' | 'worker' | 'probe'): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  const options: RedisOptions = {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectionName: `vigie-${role}`,
  };
  if (role === 'worker') return { ...options, maxRetriesPerRequest: null };
  return {
    ...options,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}
