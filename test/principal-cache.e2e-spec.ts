import { User } from '@vigie/database';
import { createTestDatabase, type TestDatabase } from '@vigie/testing';
import { randomBytes } from 'node:crypto';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

/**
 * Two API instances on one database and one Redis, as behind a load balancer: whatever is revoked or changed
 * through one is refused or seen by the very next request on the other, although both cache principals.
 */
describe('principal cache: revocation across API instances', () => {
  let db: TestDatabase;
  let one: ApiHarness;
  let two: ApiHarness;
  let t: Tenants;
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = { queue: { prefix: `vigie-test-${randomBytes(4).toString('hex')}` } };
    one = await startApi(shared, db);
    two = await startApi(shared, db);
    t = await seedTenants(one.dataSource);
    admin = await one.adminToken();
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await db.drop();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** Two reads on the instance: the second one is answered from its cache. */
  async function warm(api: ApiHarness, headers: Record<string, string>, path = '/api/v1/auth/me') {
    await api.http().get(path).set(headers).expect(200);
    return api.http().get(path).set(headers).expect(200);
  }
  const signIn = async (api: ApiHarness, email: string) =>
    (await api.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };
  async function newCiso(email: string, establishmentIds: string[]) {
    const res = await one
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email, displayName: email, password: PASSWORD, role: 'establishment_ciso', establishmentIds })
      .expect(201);
    return res.body.id as string;
  }
  async function newKey(token: string, establishmentId: string) {
    const res = await one
      .http()
      .post('/api/v1/api-keys')
      .set(bearer(token))
      .send({ name: 'sync', access: 'read', establishmentId })
      .expect(201);
    return { id: res.body.id as string, secret: res.body.key as string };
  }

  it('serves a warm principal from memory: a change made behind the API’s back is not seen', async () => {
    const { accessToken } = await signIn(one, 'analyst94@test.fr');
    await warm(two, bearer(accessToken));
    await two.dataSource
      .getRepository(User)
      .update({ id: t.analyst94.id }, { displayName: 'Renamed in SQL' });
    const cached = await two.http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(200);
    expect(cached.body.displayName).toBe('analyst94');
    // Through the API, the change is seen at once by both instances.
    await one
      .http()
      .patch(`/api/v1/users/${t.analyst94.id}`)
      .set(bearer(admin))
      .send({ displayName: 'Analyste Corse' })
      .expect(200);
    const fresh = await two.http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(200);
    expect(fresh.body.displayName).toBe('Analyste Corse');
  });

  it('sign-out on one instance ends the access token on the other', async () => {
    const tokens = await signIn(one, 'ciso.a@test.fr');
    await warm(two, bearer(tokens.accessToken));
    await one.http().post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken }).expect(204);
    await two.http().get('/api/v1/auth/me').set(bearer(tokens.accessToken)).expect(401);
  });

  it('a replayed refresh token ends the whole sign-in on the other instance', async () => {
    const first = await signIn(one, 'ciso.a@test.fr');
    const second = (
      await one.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    await warm(two, bearer(second.accessToken));
    await one.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await two.http().get('/api/v1/auth/me').set(bearer(second.accessToken)).expect(401);
  });

  it('a password change or reset on one instance ends the sessions on the other', async () => {
    const id = await newCiso('pw.ciso@test.fr', [t.a1.id]);
    const { accessToken } = await signIn(two, 'pw.ciso@test.fr');
    await warm(two, bearer(accessToken));
    await one
      .http()
      .patch(`/api/v1/users/${id}`)
      .set(bearer(admin))
      .send({ password: 'another-password-2026' })
      .expect(200);
    await two.http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(401);
  });

  it('disabling or deleting a user on one instance stops them on the other', async () => {
    const disabledId = await newCiso('disabled.ciso@test.fr', [t.a1.id]);
    const deletedId = await newCiso('deleted.ciso@test.fr', [t.a1.id]);
    const disabled = await signIn(one, 'disabled.ciso@test.fr');
    const deleted = await signIn(one, 'deleted.ciso@test.fr');
    await warm(two, bearer(disabled.accessToken));
    await warm(two, bearer(deleted.accessToken));
    await one
      .http()
      .patch(`/api/v1/users/${disabledId}`)
      .set(bearer(admin))
      .send({ disabled: true })
      .expect(200);
    await one.http().delete(`/api/v1/users/${deletedId}`).set(bearer(admin)).expect(204);
    await two.http().get('/api/v1/auth/me').set(bearer(disabled.accessToken)).expect(401);
    await two.http().get('/api/v1/auth/me').set(bearer(deleted.accessToken)).expect(401);
  });

  it('never shows a stale establishment list or region after a change on the other instance', async () => {
    const id = await newCiso('moving.ciso@test.fr', [t.a1.id]);
    const ciso = bearer((await signIn(one, 'moving.ciso@test.fr')).accessToken);
    expect((await warm(two, ciso)).body.establishmentIds).toEqual([t.a1.id]);
    await warm(two, ciso, `/api/v1/establishments/${t.a1.id}`);
    await one
      .http()
      .patch(`/api/v1/users/${id}`)
      .set(bearer(admin))
      .send({ establishmentIds: [t.a2.id] })
      .expect(200);
    const me = await two.http().get('/api/v1/auth/me').set(ciso).expect(200);
    expect(me.body.establishmentIds).toEqual([t.a2.id]);
    await two.http().get(`/api/v1/establishments/${t.a1.id}`).set(ciso).expect(404);
    await two.http().get(`/api/v1/establishments/${t.a2.id}`).set(ciso).expect(200);

    const analyst = bearer((await signIn(one, 'analyst11@test.fr')).accessToken);
    expect((await warm(two, analyst)).body.regionCode).toBe('11');
    await one
      .http()
      .patch(`/api/v1/users/${t.analyst11.id}`)
      .set(bearer(admin))
      .send({ regionCode: '94' })
      .expect(200);
    expect((await two.http().get('/api/v1/auth/me').set(analyst).expect(200)).body.regionCode).toBe('94');
    await two.http().get(`/api/v1/establishments/${t.a1.id}`).set(analyst).expect(404);
    await one
      .http()
      .patch(`/api/v1/users/${t.analyst11.id}`)
      .set(bearer(admin))
      .send({ regionCode: '11' })
      .expect(200);
  });

  it('a revoked API key is refused by the other instance at once', async () => {
    const ciso = (await signIn(one, 'ciso.a@test.fr')).accessToken;
    const key = await newKey(ciso, t.a1.id);
    await warm(two, { 'X-API-Key': key.secret }, `/api/v1/establishments/${t.a1.id}`);
    await one.http().delete(`/api/v1/api-keys/${key.id}`).set(bearer(ciso)).expect(200);
    await two.http().get(`/api/v1/establishments/${t.a1.id}`).set('X-API-Key', key.secret).expect(401);
  });

  it('an API key stops on the other instance when its creator is disabled or loses the establishment', async () => {
    const disabledId = await newCiso('keys.disabled@test.fr', [t.a1.id]);
    const movedId = await newCiso('keys.moved@test.fr', [t.a1.id, t.a2.id]);
    const disabledKey = await newKey((await signIn(one, 'keys.disabled@test.fr')).accessToken, t.a1.id);
    const movedKey = await newKey((await signIn(one, 'keys.moved@test.fr')).accessToken, t.a1.id);
    const path = `/api/v1/establishments/${t.a1.id}`;
    await warm(two, { 'X-API-Key': disabledKey.secret }, path);
    await warm(two, { 'X-API-Key': movedKey.secret }, path);
    await one
      .http()
      .patch(`/api/v1/users/${disabledId}`)
      .set(bearer(admin))
      .send({ disabled: true })
      .expect(200);
    await one
      .http()
      .patch(`/api/v1/users/${movedId}`)
      .set(bearer(admin))
      .send({ establishmentIds: [t.a2.id] })
      .expect(200);
    await two.http().get(path).set('X-API-Key', disabledKey.secret).expect(401);
    await two.http().get(path).set('X-API-Key', movedKey.secret).expect(401);
  });

  it('deleting an establishment on one instance ends its CISO’s scope and its keys on the other', async () => {
    const site = await one
      .http()
      .post('/api/v1/establishments')
      .set(bearer(admin))
      .send({ finess: '770000040', name: 'EHPAD fermé', category: 'ehpad', legalEntityId: t.legalEntityA.id })
      .expect(201);
    await newCiso('closing.ciso@test.fr', [site.body.id, t.a2.id]);
    const ciso = bearer((await signIn(one, 'closing.ciso@test.fr')).accessToken);
    const key = await newKey(ciso.Authorization.slice(7), site.body.id);
    expect((await warm(two, ciso)).body.establishmentIds).toContain(site.body.id);
    await warm(two, { 'X-API-Key': key.secret }, `/api/v1/establishments/${site.body.id}`);
    await one.http().delete(`/api/v1/establishments/${site.body.id}`).set(bearer(admin)).expect(204);
    expect((await two.http().get('/api/v1/auth/me').set(ciso).expect(200)).body.establishmentIds).toEqual([
      t.a2.id,
    ]);
    await two.http().get(`/api/v1/establishments/${site.body.id}`).set('X-API-Key', key.secret).expect(401);
  });
});
