import { ApiKey, AuditEvent, RefreshToken } from '@vigie/database';
import { TEST_ADMIN } from '@vigie/testing';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

describe('identity: login, tokens, lock-out, API keys', () => {
  let api: ApiHarness;
  let t: Tenants;

  beforeAll(async () => {
    api = await startApi({ auth: { loginMaxFailures: 3, loginLockSeconds: 600 } });
    t = await seedTenants(api.dataSource);
  });
  afterAll(() => api.close());

  it('signs in, answers /auth/me with role and scope, and refuses a bad password', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'CISO.A@test.fr', password: PASSWORD })
      .expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    const me = await api
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      kind: 'user',
      id: t.cisoA.id,
      role: 'establishment_ciso',
      establishmentIds: [t.a1.id],
      regionCode: null,
    });

    const bad = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ciso.a@test.fr', password: 'wrong-password' })
      .expect(401);
    expect(bad.body).toEqual({
      statusCode: 401,
      code: 'auth.invalid_credentials',
      error: 'Unauthorized',
      message: 'Invalid e-mail or password',
    });
    const unknown = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@test.fr', password: 'x' })
      .expect(401);
    expect(unknown.body.message).toBe(bad.body.message);
  });

  it('rejects requests without, or with a forged, token', async () => {
    await api.http().get('/api/v1/auth/me').expect(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwidHlwIjoiYWNjZXNzIn0.c2lnbmF0dXJl';
    const res = await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    expect(res.body.message).toBe('Invalid or expired access token');
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const first = (
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'ciso.b@test.fr', password: PASSWORD })
        .expect(200)
    ).body;
    const second = (
      await api.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (
      await api.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200)
    ).body;

    // The first token is replayed (stolen): every token of the sign-in dies, the legitimate latest one included.
    const replay = await api
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(replay.body.message).toMatch(/already used/);
    await api.http().post('/api/v1/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);

    const family = await api.dataSource.getRepository(RefreshToken).find({ where: { userId: t.cisoB.id } });
    expect(family.length).toBeGreaterThanOrEqual(3);
    expect(family.every((token) => token.revokedAt !== null)).toBe(true);
    expect(family.some((token) => token.revokedReason === 'reuse_detected')).toBe(true);
    expect(
      await api.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'auth.refresh_reuse_detected', resourceId: t.cisoB.id }),
    ).toBe(1);
  });

  it('logs out by revoking the refresh token family', async () => {
    const tokens = (
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'analyst94@test.fr', password: PASSWORD })
        .expect(200)
    ).body;
    await api.http().post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken }).expect(204);
    await api.http().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('locks an account after repeated failures, with Retry-After, even for the right password', async () => {
    for (let i = 0; i < 3; i++) {
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'analyst11@test.fr', password: 'not-the-password' })
        .expect(401);
    }
    const locked = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'analyst11@test.fr', password: PASSWORD })
      .expect(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500);
    expect(locked.body.message).toMatch(/locked/);
    expect(
      await api.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'auth.locked', resourceId: t.analyst11.id }),
    ).toBe(1);
  });

  it('issues API keys shown once, stored hashed, usable as Bearer or X-API-Key, and revocable', async () => {
    const token = await api.login('ciso.a@test.fr', PASSWORD);
    const created = await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'SIEM export', establishmentId: t.a1.id })
      .expect(201);
    const secret: string = created.body.key;
    expect(secret).toMatch(/^vigie_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await api.dataSource.getRepository(ApiKey).findOneByOrFail({ id: created.body.id });
    expect(stored.keyHash).not.toContain(secret.slice(19));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const list = await api.http().get('/api/v1/api-keys').set('Authorization', `Bearer ${token}`).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const viaBearer = await api
      .http()
      .get('/api/v1/establishments')
      .set('Authorization', `Bearer ${secret}`)
      .expect(200);
    expect(viaBearer.body.items.map((e: { id: string }) => e.id)).toEqual([t.a1.id]);
    await api.http().get(`/api/v1/establishments/${t.b1.id}`).set('X-API-Key', secret).expect(404);
    // Read-only by default: no changes, and never identity management.
    await api
      .http()
      .patch(`/api/v1/establishments/${t.a1.id}`)
      .set('X-API-Key', secret)
      .send({ bedCount: 5 })
      .expect(403);
    await api.http().get('/api/v1/api-keys').set('X-API-Key', secret).expect(403);

    await api
      .http()
      .delete(`/api/v1/api-keys/${created.body.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const revoked = await api.http().get('/api/v1/establishments').set('X-API-Key', secret).expect(401);
    expect(revoked.body.message).toBe('Invalid, expired or revoked API key');
  });

  it('keeps API keys inside their creator’s scope', async () => {
    const token = await api.login('ciso.b@test.fr', PASSWORD);
    const other = await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'key', establishmentId: t.a1.id });
    expect([other.status, other.body.code, other.body.message]).toEqual([
      404,
      'establishment.not_found',
      `Establishment ${t.a1.id} not found`,
    ]);
    const noScope = await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'key' })
      .expect(400);
    expect(noScope.body).toMatchObject({
      code: 'api_key.scope_invalid',
      details: [{ field: 'establishmentId' }],
    });
    const analyst = await api.login('analyst94@test.fr', PASSWORD);
    await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ name: 'key', regionCode: '11' })
      .expect(403);
    const regional = await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ name: 'ARS export', access: 'read_write' })
      .expect(201);
    expect(regional.body.regionCode).toBe('94');
    const seen = await api
      .http()
      .get('/api/v1/establishments')
      .set('X-API-Key', regional.body.key)
      .expect(200);
    expect(seen.body.items.map((e: { id: string }) => e.id)).toEqual([t.b1.id]);
  });

  it('never lets a key reach further than its creator does today', async () => {
    const analyst = await api.login('analyst94@test.fr', PASSWORD);
    const refused = await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ name: 'write access', establishmentId: t.b1.id, access: 'read_write' })
      .expect(403);
    expect(refused.body).toMatchObject({
      code: 'api_key.scope_exceeded',
      message: expect.stringMatching(/Regional analysts create region keys/),
    });

    const admin = await api.adminToken();
    const ciso = await api
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        email: 'ciso.moving@test.fr',
        displayName: 'Moving',
        password: PASSWORD,
        role: 'establishment_ciso',
        establishmentIds: [t.a1.id],
      })
      .expect(201);
    const token = await api.login('ciso.moving@test.fr', PASSWORD);
    const key = (
      await api
        .http()
        .post('/api/v1/api-keys')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'export', establishmentId: t.a1.id })
        .expect(201)
    ).body.key;
    await api.http().get(`/api/v1/establishments/${t.a1.id}`).set('X-API-Key', key).expect(200);
    // The CISO moves to A2: the key for A1 dies with their responsibility for it.
    await api
      .http()
      .patch(`/api/v1/users/${ciso.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ establishmentIds: [t.a2.id] })
      .expect(200);
    await api.http().get(`/api/v1/establishments/${t.a1.id}`).set('X-API-Key', key).expect(401);
  });

  it('ends access tokens with their sign-in: logout and password change', async () => {
    const tokens = (
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'ciso.a@test.fr', password: PASSWORD })
        .expect(200)
    ).body;
    await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`).expect(200);
    await api.http().post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken }).expect(204);
    await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`).expect(401);

    const before = await api.login('ciso.a@test.fr', PASSWORD);
    const admin = await api.adminToken();
    await api
      .http()
      .patch(`/api/v1/users/${t.cisoA.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ password: 'another-password-2026' })
      .expect(200);
    await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${before}`).expect(401);
    await api
      .http()
      .patch(`/api/v1/users/${t.cisoA.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ password: PASSWORD })
      .expect(200);
  });

  it('counts failed logins sent in parallel, so they still lock the account', async () => {
    await Promise.all(
      Array.from({ length: 8 }, () =>
        api
          .http()
          .post('/api/v1/auth/login')
          .send({ email: 'analyst94@test.fr', password: 'guess-guess-guess' }),
      ),
    );
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'analyst94@test.fr', password: PASSWORD })
      .expect(423);
  });

  it('applies the lock-out to the queue dashboard’s password sign-in too', async () => {
    const admin = await api
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${await api.adminToken()}`)
      .send({ email: 'admin2@test.fr', displayName: 'Admin 2', password: PASSWORD, role: 'national_admin' })
      .expect(201);
    for (let i = 0; i < 3; i++)
      await api.http().get('/api/admin/queues').auth('admin2@test.fr', 'wrong-password-x').expect(401);
    const locked = await api.http().get('/api/admin/queues').auth('admin2@test.fr', PASSWORD).expect(423);
    expect(locked.headers['retry-after']).toBeDefined();
    expect(admin.body.role).toBe('national_admin');
  });

  it('signs in the administrator configured by ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
    const token = await api.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const me = await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.role).toBe('national_admin');
  });

  it('stops a disabled user at once, access token included', async () => {
    const token = await api.login('ciso.b@test.fr', PASSWORD);
    const admin = await api.adminToken();
    await api
      .http()
      .patch(`/api/v1/users/${t.cisoB.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ disabled: true })
      .expect(200);
    await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ciso.b@test.fr', password: PASSWORD })
      .expect(401);
  });
});

describe('login rate limit', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ auth: { loginRateLimitPerMinute: 3 } });
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After past the per-minute limit of a client address', async () => {
    for (let i = 0; i < 3; i++)
      await api.http().post('/api/v1/auth/login').send({ email: 'a@b.fr', password: 'x' }).expect(401);
    const limited = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.fr', password: 'x' })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      code: 'auth.rate_limited',
      error: 'Too Many Requests',
    });
  });
});
