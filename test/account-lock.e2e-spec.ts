import { AuditEvent, User } from '@vigie/database';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

describe('lock-outs: in the region’s audit trail, lifted by an administrator or the region’s analyst', () => {
  let api: ApiHarness;
  let t: Tenants;
  let admin: string;
  let analyst11: string;
  let analyst94: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (email: string, password: string) =>
    api.http().post('/api/v1/auth/login').send({ email, password });
  const trail = async (token: string, userId: string) =>
    (
      await api
        .http()
        .get(`/api/v1/audit-events?resourceType=user&resourceId=${userId}&limit=200`)
        .set(as(token))
        .expect(200)
    ).body.items as AuditEvent[];

  beforeAll(async () => {
    api = await startApi({ auth: { loginMaxFailures: 3, loginLockSeconds: 600 } });
    t = await seedTenants(api.dataSource);
    admin = await api.adminToken();
    analyst11 = await api.login('analyst11@test.fr', PASSWORD);
    analyst94 = await api.login('analyst94@test.fr', PASSWORD);
  });
  afterAll(() => api.close());

  it('shows a CISO’s sign-ins and lock-out to the analysts of their establishments’ region only', async () => {
    await login('ciso.a@test.fr', PASSWORD).expect(200);
    for (let i = 0; i < 3; i++) await login('ciso.a@test.fr', 'not-the-password').expect(401);
    await login('ciso.a@test.fr', PASSWORD).expect(423);

    const seen = await trail(analyst11, t.cisoA.id);
    expect(seen.map((e) => e.action).sort()).toEqual([
      'auth.locked',
      'auth.login',
      'auth.login_failed',
      'auth.login_failed',
    ]);
    expect(seen.every((e) => e.regionCode === '11')).toBe(true);
    expect(await trail(analyst94, t.cisoA.id)).toEqual([]);
    // An analyst's own sign-ins are their region's too.
    const own = await trail(analyst94, t.analyst94.id);
    expect(own).toEqual([expect.objectContaining({ action: 'auth.login', regionCode: '94' })]);
    expect(await trail(analyst11, t.analyst94.id)).toEqual([]);
  });

  it('shows a CISO of sites in two regions to the analysts of both, and of no other', async () => {
    const created = await api
      .http()
      .post('/api/v1/users')
      .set(as(admin))
      .send({
        email: 'rssi.ght@test.fr',
        displayName: 'RSSI de deux régions',
        password: PASSWORD,
        role: 'establishment_ciso',
        establishmentIds: [t.a2.id, t.b1.id],
      })
      .expect(201);
    await login('rssi.ght@test.fr', PASSWORD).expect(200);
    await login('rssi.ght@test.fr', 'not-the-password').expect(401);
    for (const analyst of [analyst11, analyst94])
      expect((await trail(analyst, created.body.id)).map((e) => e.action).sort()).toEqual([
        'auth.login',
        'auth.login_failed',
        'user.create',
      ]);
    const byRegion = await api
      .http()
      .get(`/api/v1/audit-events?regionCode=94&resourceId=${created.body.id}`)
      .set(as(admin))
      .expect(200);
    expect(byRegion.body.total).toBe(3);
    const users = api.dataSource.getRepository(User);
    await users.save(
      users.create({
        email: 'analyst93@test.fr',
        displayName: 'Analyste PACA',
        passwordHash: t.analyst11.passwordHash,
        role: 'regional_analyst',
        regionCode: '93',
      }),
    );
    expect(await trail(await api.login('analyst93@test.fr', PASSWORD), created.body.id)).toEqual([]);
  });

  it('keeps the lock through a password reset, and lifts it on unlock, once, with an audit event', async () => {
    const newPassword = 'a-brand-new-password-2026';
    await api
      .http()
      .patch(`/api/v1/users/${t.cisoA.id}`)
      .set(as(admin))
      .send({ password: newPassword })
      .expect(200);
    await login('ciso.a@test.fr', newPassword).expect(423);

    const listed = await api.http().get(`/api/v1/users/${t.cisoA.id}`).set(as(analyst11)).expect(200);
    expect(listed.body.lockedUntil).toEqual(expect.any(String));
    // Another region's analyst does not even see the account; a CISO manages no one.
    await api.http().post(`/api/v1/users/${t.cisoA.id}/unlock`).set(as(analyst94)).expect(404);
    const cisoB = await api.login('ciso.b@test.fr', PASSWORD);
    await api.http().post(`/api/v1/users/${t.cisoA.id}/unlock`).set(as(cisoB)).expect(403);

    const unlocked = await api
      .http()
      .post(`/api/v1/users/${t.cisoA.id}/unlock`)
      .set(as(analyst11))
      .expect(200);
    expect(unlocked.body).toMatchObject({ id: t.cisoA.id, lockedUntil: null });
    await login('ciso.a@test.fr', newPassword).expect(200);

    const again = await api.http().post(`/api/v1/users/${t.cisoA.id}/unlock`).set(as(analyst11)).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'user.not_locked' });

    const event = await api.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'user.unlock', resourceId: t.cisoA.id });
    expect(event).toMatchObject({
      actorId: t.analyst11.id,
      regionCode: '11',
      changes: { lockedUntil: { from: expect.any(String), to: null } },
    });
  });

  it('lets only administrators unlock analysts and administrators', async () => {
    const lock = (id: string) =>
      api.dataSource.getRepository(User).update({ id }, { lockedUntil: new Date(Date.now() + 600_000) });
    await lock(t.analyst11.id);
    // Analysts manage CISOs, not their peers: the other one is out of scope, their own region's is forbidden.
    await api.http().post(`/api/v1/users/${t.analyst11.id}/unlock`).set(as(analyst94)).expect(404);
    await api.dataSource.getRepository(User).save(
      api.dataSource.getRepository(User).create({
        email: 'analyst11b@test.fr',
        displayName: 'Second analyste',
        passwordHash: t.analyst11.passwordHash,
        role: 'regional_analyst',
        regionCode: '11',
      }),
    );
    const peer = await api.login('analyst11b@test.fr', PASSWORD);
    const forbidden = await api
      .http()
      .post(`/api/v1/users/${t.analyst11.id}/unlock`)
      .set(as(peer))
      .expect(403);
    expect(forbidden.body.code).toBe('user.manage_forbidden');
    await api.http().post(`/api/v1/users/${t.analyst11.id}/unlock`).set(as(admin)).expect(200);
    await login('analyst11@test.fr', PASSWORD).expect(200);
  });
});
