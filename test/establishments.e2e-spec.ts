import { AuditEvent } from '@vigie/database';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

describe('establishments, legal entities and GHTs', () => {
  let api: ApiHarness;
  let t: Tenants;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
    admin = await api.adminToken();
  });
  afterAll(() => api.close());

  it('lists the 18 regions with their départements', async () => {
    const res = await api.http().get('/api/v1/regions').set(as(admin)).expect(200);
    expect(res.body).toMatchObject({ total: 18, limit: 50, offset: 0 });
    const regions = res.body.items;
    expect(regions).toHaveLength(18);
    const corse = regions.find((r: { code: string }) => r.code === '94');
    expect(corse).toMatchObject({ name: 'Corse', departements: [{ code: '2A' }, { code: '2B' }] });
    const total = regions.reduce((n: number, r: { departements: unknown[] }) => n + r.departements.length, 0);
    expect(total).toBe(101);
    const last = await api.http().get('/api/v1/regions?limit=5&offset=15').set(as(admin)).expect(200);
    expect(last.body).toMatchObject({ total: 18, limit: 5, offset: 15 });
    expect(last.body.items.map((r: { code: string }) => r.code)).toEqual(
      regions.slice(15).map((r: { code: string }) => r.code),
    );
    expect(regions.find((r: { code: string }) => r.code === '06')).toMatchObject({
      overseas: true,
      departements: [{ code: '976' }],
    });
  });

  it('derives region and département from the FINESS number', async () => {
    const res = await api
      .http()
      .post('/api/v1/establishments')
      .set(as(admin))
      .send({
        finess: '2b 000 0053',
        name: '  CH de Corte ',
        category: 'ch',
        legalEntityId: t.legalEntityB.id,
        ghtId: t.ghtB.id,
        bedCount: 120,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      finess: '2B0000053',
      name: 'CH de Corte',
      regionCode: '94',
      departementCode: '2B',
      categoryLabel: 'Centre hospitalier (CH)',
    });
    const overseas = await api
      .http()
      .post('/api/v1/establishments')
      .set(as(admin))
      .send({
        finess: '980503023',
        name: 'Clinique de Mayotte',
        category: 'private_clinic',
        legalEntityId: t.legalEntityB.id,
      })
      .expect(201);
    expect(overseas.body).toMatchObject({ regionCode: '06', departementCode: '976' });
  });

  it('refuses inconsistent data with 400 or 409 and a message that says what is wrong', async () => {
    const post = (body: object) => api.http().post('/api/v1/establishments').set(as(admin)).send(body);
    const base = { name: 'Site', category: 'ch', legalEntityId: t.legalEntityA.id };
    const badKey = await post({ ...base, finess: '750100126' }).expect(400);
    expect(badKey.body.code).toBe('finess.invalid');
    expect(badKey.body.details).toEqual([
      {
        field: 'finess',
        problem: 'finess is not a valid FINESS number: the check digit (9th character) is wrong',
      },
    ]);
    // A FINESS rule broken together with another rule is an ordinary validation failure.
    const mixed = await post({ ...base, finess: '750100126', name: 42 }).expect(400);
    expect(mixed.body.code).toBe('request.invalid');
    const wrongDept = await post({ ...base, finess: '770000040', departementCode: '75' }).expect(400);
    expect(wrongDept.body).toMatchObject({
      code: 'finess.departement_mismatch',
      message: 'FINESS 770000040 belongs to département 77, not 75',
    });
    const wrongGht = await post({ ...base, finess: '770000040', ghtId: t.ghtB.id }).expect(400);
    expect(wrongGht.body.code).toBe('ght.region_mismatch');
    expect(wrongGht.body.message).toMatch(/GHT "GHT Corse" is in region 94, the establishment in region 11/);
    const unknownCategory = await post({ ...base, finess: '770000040', category: 'hospital' }).expect(400);
    expect(unknownCategory.body.details[0].field).toBe('category');
    const duplicate = await post({ ...base, finess: t.a1.finess }).expect(409);
    expect(duplicate.body).toMatchObject({
      code: 'establishment.finess_taken',
      message: `An establishment with FINESS ${t.a1.finess} already exists`,
    });
    const noEj = await post({
      ...base,
      finess: '770000040',
      legalEntityId: '6f1c1b5e-8a0e-4f7a-9a52-7d1a3c2b9e10',
    }).expect(400);
    expect(noEj.body).toMatchObject({ code: 'legal_entity.unknown', details: [{ field: 'legalEntityId' }] });
  });

  it('filters and paginates', async () => {
    const page1 = await api
      .http()
      .get('/api/v1/establishments?regionCode=11&limit=1&offset=0')
      .set(as(admin))
      .expect(200);
    const page2 = await api
      .http()
      .get('/api/v1/establishments?regionCode=11&limit=1&offset=1')
      .set(as(admin))
      .expect(200);
    expect(page1.body.total).toBe(2);
    expect(page1.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const byName = await api.http().get('/api/v1/establishments?q=pitié').set(as(admin)).expect(200);
    expect(byName.body.items.map((e: { id: string }) => e.id)).toEqual([t.a1.id]);
    const byGht = await api
      .http()
      .get(`/api/v1/establishments?ghtId=${t.ghtB.id}`)
      .set(as(admin))
      .expect(200);
    expect(byGht.body.items.every((e: { ghtId: string }) => e.ghtId === t.ghtB.id)).toBe(true);
    const ejs = await api
      .http()
      .get('/api/v1/legal-entities?legalStatus=public&regionCode=94')
      .set(as(admin))
      .expect(200);
    expect(ejs.body.items.map((e: { id: string }) => e.id)).toEqual([t.legalEntityB.id]);
  });

  it('lets a CISO rename their establishment, and only that, with an audit trail of changed fields', async () => {
    const ciso = await api.login('ciso.a@test.fr', PASSWORD);
    const adminOnly = await api
      .http()
      .patch(`/api/v1/establishments/${t.a1.id}`)
      .set(as(ciso))
      .send({ category: 'chu' })
      .expect(403);
    expect(adminOnly.body.code).toBe('establishment.field_forbidden');
    const res = await api
      .http()
      .patch(`/api/v1/establishments/${t.a1.id}`)
      .set(as(ciso))
      .send({ name: 'GH Pitié-Salpêtrière', bedCount: 1500 })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'GH Pitié-Salpêtrière', bedCount: 1500 });
    const event = await api.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'establishment.update', resourceId: t.a1.id });
    expect(event).toMatchObject({
      actorType: 'user',
      actorId: t.cisoA.id,
      actorLabel: 'ciso.a@test.fr',
      regionCode: '11',
      establishmentId: t.a1.id,
      changes: {
        name: { from: 'Pitié-Salpêtrière', to: 'GH Pitié-Salpêtrière' },
        bedCount: { from: 100, to: 1500 },
      },
      requestId: expect.any(String),
      ip: expect.any(String),
    });
  });

  it('refuses to delete a legal entity that still runs establishments', async () => {
    const res = await api
      .http()
      .delete(`/api/v1/legal-entities/${t.legalEntityA.id}`)
      .set(as(admin))
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'legal_entity.has_establishments',
      message: expect.stringMatching(/still runs 2 establishment/),
    });
  });

  it('exposes the audit trail with filters, without secrets', async () => {
    await api
      .http()
      .patch(`/api/v1/users/${t.cisoA.id}`)
      .set(as(admin))
      .send({ password: 'a-brand-new-password-42' })
      .expect(200);
    const res = await api
      .http()
      .get(`/api/v1/audit-events?resourceType=user&resourceId=${t.cisoA.id}&action=user.*`)
      .set(as(admin))
      .expect(200);
    expect(res.body.items[0]).toMatchObject({
      action: 'user.update',
      changes: { passwordHash: { from: '[redacted]', to: '[redacted]' } },
    });
    expect(JSON.stringify(res.body)).not.toContain('a-brand-new-password-42');
    expect(JSON.stringify(res.body)).not.toContain('argon2');
    const since = await api
      .http()
      .get(`/api/v1/audit-events?from=${new Date(Date.now() - 60000).toISOString()}`)
      .set(as(admin))
      .expect(200);
    expect(since.body.total).toBeGreaterThan(0);
    const future = await api
      .http()
      .get(`/api/v1/audit-events?from=${new Date(Date.now() + 60000).toISOString()}`)
      .set(as(admin))
      .expect(200);
    expect(future.body.total).toBe(0);
    await api.http().get('/api/v1/audit-events?from=yesterday').set(as(admin)).expect(400);
  });
});
