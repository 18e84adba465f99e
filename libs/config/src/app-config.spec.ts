import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { resolveJwtSecret } from './jwt-secret';

describe('configuration from the environment', () => {
  it('has working defaults: SQLite in ./data, port 3000, local Redis', () => {
    const config = loadConfig({});
    expect(config.api.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(process.cwd(), 'data', 'vigie.sqlite') });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.admin).toBeUndefined();
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://vigie@db:5432/vigie' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://vigie@db:5432/vigie',
    });
  });

  it('names every wrong variable, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        ADMIN_EMAIL: 'not-an-email',
        ADMIN_PASSWORD: 'short',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'LOG_LEVEL'])
      expect(message).toContain(name);
    expect(message).toContain('"eighty"');
    expect(message).not.toContain('short');
  });

  it('caches principals for a minute by default, and refuses a cache longer than an hour', () => {
    expect(loadConfig({}).auth.principalCacheTtlSeconds).toBe(60);
    expect(loadConfig({ PRINCIPAL_CACHE_TTL_SECONDS: '0' }).auth.principalCacheTtlSeconds).toBe(0);
    expect(() => loadConfig({ PRINCIPAL_CACHE_TTL_SECONDS: '7200' })).toThrow(/PRINCIPAL_CACHE_TTL_SECONDS/);
  });

  it('trusts only the proxies it is told about', () => {
    expect(loadConfig({}).api.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).api.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).api.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must be a number of proxy hops/);
  });

  it('requires a strong JWT_SECRET in production and refuses demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO_DATA: 'true' }),
    ).toThrow(/DEMO_DATA/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).auth.jwtSecret).toBe(
      'x'.repeat(40),
    );
  });

  it('generates the development JWT secret once, private to the owner, and keeps it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-config-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = resolveJwtSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveJwtSecret(config)).toBe(first);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });
});
