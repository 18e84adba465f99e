import { User } from '@vigie/database';
import { createTestDatabase, type TestDatabase } from '@vigie/testing';
import type { ChildProcess } from 'node:child_process';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants } from './support/tenants';

const { startRedis } = require('../scripts/lib/redis-server.js');

interface PrivateRedis {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): void;
}

async function stopRedis(redis: PrivateRedis) {
  const exited = new Promise((resolve) => redis.child.once('exit', resolve));
  redis.stop();
  await exited;
}

/** Without Redis no instance can learn of a revocation: none may answer from its memory. */
describe('principal cache: Redis unreachable', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let one: ApiHarness;
  let two: ApiHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await startRedis({ log: () => undefined });
    const shared = { redis: { url: redis.url }, queue: { prefix: 'vigie-test-redis-down' } };
    one = await startApi(shared, db);
    two = await startApi(shared, db);
    await seedTenants(one.dataSource);
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await stopRedis(redis);
    await db.drop();
  });

  const signIn = async (email: string) =>
    (await one.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };
  const me = (api: ApiHarness, token: string) =>
    api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('reads principals from the database while Redis is down, and a sign-out there is seen at once', async () => {
    const leaving = await signIn('ciso.a@test.fr');
    const staying = await signIn('analyst11@test.fr');
    for (const token of [leaving.accessToken, staying.accessToken, leaving.accessToken]) {
      await me(two, token).expect(200);
    }

    await stopRedis(redis);
    await one.http().post('/api/v1/auth/logout').send({ refreshToken: leaving.refreshToken }).expect(204);
    await me(two, leaving.accessToken).expect(401);
    await me(two, staying.accessToken).expect(200);
    await me(one, staying.accessToken).expect(200);

    // Back up (empty, as after a restart without persistence): nothing cached before the outage is trusted.
    redis = await startRedis({ log: () => undefined, port: redis.port });
    const deadline = Date.now() + 10_000;
    while ((await two.http().get('/api/health')).status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Date.now()).toBeLessThan(deadline);
    await me(two, leaving.accessToken).expect(401);
    await me(two, staying.accessToken).expect(200);

    // And the cache works again: once warm, a rename made behind the API's back is not seen.
    const users = two.dataSource.getRepository(User);
    let servedFromMemory = false;
    for (let round = 0; !servedFromMemory && Date.now() < deadline + 10_000; round++) {
      const before = (await me(two, staying.accessToken).expect(200)).body.displayName as string;
      await users.update({ email: 'analyst11@test.fr' }, { displayName: `Renamed in SQL ${round}` });
      servedFromMemory = (await me(two, staying.accessToken).expect(200)).body.displayName === before;
      if (!servedFromMemory) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(servedFromMemory).toBe(true);
  });
});
