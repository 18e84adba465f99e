import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { redisOptionsFromUrl } from '@vigie/queue';
import { Redis } from 'ioredis';
import { LruMap } from './lru-map';

/** What a cached principal depends on: a user (their sign-ins and the keys they created) or one API key. */
export const userSubject = (userId: string) => `user:${userId}`;
export const apiKeySubject = (prefix: string) => `key:${prefix}`;

/**
 * Reads the version of each subject, creating a fresh random one when Redis has none (never seen, expired,
 * evicted or flushed): a value never comes back, so an entry tagged before a lost write can never match again.
 */
const READ_VERSIONS = `
local out = {}
for i, key in ipairs(KEYS) do
  local version = redis.call('GET', key)
  if not version then
    version = ARGV[1] .. i
    redis.call('SET', key, version, 'EX', ARGV[2])
  end
  out[i] = version
end
return out`;

/** Versions outlive any cached entry by far, so an expired version cannot resurrect an entry tagged before it. */
const VERSION_TTL_SECONDS = 86_400;
const MAX_ENTRIES = 10_000;
const COMMAND_TIMEOUT_MS = 250;
const RETRY_DELAY_MS = 1_000;

interface Entry<T> {
  value: T;
  subjects: string[];
  versions: string[];
  expiresAt: number;
}

/** Unique across instances and restarts without drawing random bytes on every request. */
const instanceNonce = randomBytes(12).toString('base64url');
let versionSequence = 0;
const newVersion = () => `${instanceNonce}.${(versionSequence++).toString(36)}.`;

/**
 * Resolved principals kept in this process's memory for PRINCIPAL_CACHE_TTL_SECONDS, each tagged with the
 * versions its subjects had in Redis *before* it was read from the database. Every request re-reads those
 * versions (one Redis round trip); every revocation writes new versions *after* its transaction commits, so the
 * next request on any API instance misses and re-reads the database. Whenever Redis cannot answer, nothing is
 * served from memory: callers fall back to the database, and everything cached so far is forgotten.
 */
@Injectable()
export class PrincipalCache implements OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly entries = new LruMap<string, Entry<unknown>>(MAX_ENTRIES);
  private redisDown = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttlMs = config.auth.principalCacheTtlSeconds * 1000;
    this.prefix = `${config.queue.prefix}:principal`;
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.redis.url, 'probe'),
      connectionName: 'vigie-principals',
      commandTimeout: COMMAND_TIMEOUT_MS,
      lazyConnect: true,
    });
    this.redis.defineCommand('readVersions', { lua: READ_VERSIONS });
    this.redis.on('error', () => undefined); // handled where a command fails
    // Revocations written while this connection was down were not seen: nothing cached before can be trusted.
    this.redis.on('close', () => this.entries.clear());
    if (this.enabled) this.redis.connect().catch(() => undefined);
  }

  get enabled() {
    return this.ttlMs > 0;
  }

  /**
   * The cached value when it is still current; otherwise `load()` reads it from the database, and it is kept
   * for the next requests when the versions could be read before the load. The subjects of an API key (its
   * creator) are only known after a first load: that load leaves a hint, and the next one is cached.
   */
  async resolve<T>(
    cacheKey: string,
    knownSubjects: string[] | null,
    load: () => Promise<T | null>,
    subjectsOf: (value: T) => string[],
  ): Promise<T | null> {
    if (!this.enabled) return load();
    const cached = this.entries.get(cacheKey) as Entry<T> | undefined;
    const subjects = cached?.subjects ?? knownSubjects;
    const versions = subjects ? await this.readVersions(subjects) : null;
    if (cached && cached.expiresAt > Date.now() && versions && sameList(cached.versions, versions)) {
      return cached.value;
    }
    const value = await load();
    if (value === null) {
      this.entries.delete(cacheKey);
      return null;
    }
    const actual = subjectsOf(value);
    // Tagged with versions read before the load: a revocation committed during the load changes them after.
    const current = versions !== null && subjects !== null && sameList(actual, subjects);
    this.entries.set(cacheKey, {
      value,
      subjects: actual,
      versions: current ? versions : [],
      expiresAt: current ? Date.now() + this.ttlMs : 0,
    });
    return value;
  }

  /**
   * Called after the transaction that revoked or changed something has committed. When Redis cannot be told,
   * this instance forgets everything and keeps trying in the background; other instances that still reach
   * Redis could serve their entries until they expire (at most PRINCIPAL_CACHE_TTL_SECONDS): see the README.
   */
  async invalidate(subjects: string[]): Promise<void> {
    if (!this.enabled || subjects.length === 0) return;
    const unique = [...new Set(subjects)];
    for (const subject of unique) this.dropLocal(subject);
    // A failed write has marked Redis down, which empties this instance's cache.
    if (await this.writeVersions(unique)) return;
    const giveUpAt = Date.now() + this.ttlMs;
    const retry = async () => {
      if (await this.writeVersions(unique)) return;
      if (Date.now() < giveUpAt) setTimeout(() => void retry(), RETRY_DELAY_MS).unref();
    };
    setTimeout(() => void retry(), RETRY_DELAY_MS).unref();
  }

  async onApplicationShutdown() {
    this.entries.clear();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async readVersions(subjects: string[]): Promise<string[] | null> {
    try {
      const keys = subjects.map((s) => `${this.prefix}:${s}`);
      const versions = (await (
        this.redis as Redis & { readVersions(...args: (string | number)[]): Promise<string[]> }
      ).readVersions(keys.length, ...keys, newVersion(), VERSION_TTL_SECONDS)) as string[];
      this.markRedis(true);
      return versions;
    } catch (error) {
      this.markRedis(false, error);
      return null;
    }
  }

  private async writeVersions(subjects: string[]): Promise<boolean> {
    try {
      const pipeline = this.redis.multi();
      for (const subject of subjects) {
        pipeline.set(`${this.prefix}:${subject}`, newVersion(), 'EX', VERSION_TTL_SECONDS);
      }
      const results = await pipeline.exec();
      if (!results || results.some(([error]) => error)) throw new Error('MULTI failed');
      this.markRedis(true);
      return true;
    } catch (error) {
      this.markRedis(false, error);
      return false;
    }
  }

  private dropLocal(subject: string) {
    for (const [key, entry] of this.entries.entries()) {
      if (entry.subjects.includes(subject)) this.entries.delete(key);
    }
  }

  /** Logs once per outage, not once per request. */
  private markRedis(up: boolean, error?: unknown) {
    if (!up) this.entries.clear();
    if (up === !this.redisDown) return;
    this.redisDown = !up;
    if (up) this.logger.log('Redis answers again: principals are cached again');
    else
      this.logger.warn(
        `Redis unavailable: every request re-reads its principal from the database (${(error as Error)?.message})`,
      );
  }
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
