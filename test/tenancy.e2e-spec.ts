import { completeFiness } from '@vigie/common';
import { randomUUID } from 'node:crypto';
import { jobIds, JobName } from '@vigie/contracts';
import { ApiKey, Establishment, recordScan, User, UserEstablishment } from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { CHECKS_VERSION } from '@vigie/scan-checks';
import { PrincipalCache, userSubject } from '../apps/api/src/auth/principal-cache.service';
import { PDF } from './support/assessments';
import { recordExposedRdp } from './support/findings';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

type Actor = 'admin' | 'analyst' | 'ciso';
type Ownership = 'own' | 'other';
type Action =
  | 'list'
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'submit'
  | 'attach'
  | 'detach'
  | 'publish'
  | 'verify'
  | 'vouch'
  | 'unlock';
type Resource =
  | 'establishment'
  | 'legal_entity'
  | 'ght'
  | 'user'
  | 'api_key'
  | 'audit_event'
  | 'region'
  | 'job'
  | 'security_plan'
  | 'assessment'
  | 'score'
  | 'asset'
  | 'scan'
  | 'finding'
  | 'config_file';

/**
 * The analyst is the ARS Île-de-France analyst; the CISO is in charge of establishment A1 (Île-de-France).
 * "own" is inside the actor's tenant (for the admin: Île-de-France data), "other" is Corse's.
 * Expected status of each request; for lists, the ids that must and must not appear are checked too.
 */
const MATRIX: [Resource, Action, Ownership, Record<Actor, number>][] = [
  ['establishment', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['establishment', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['establishment', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['establishment', 'create', 'own', { admin: 201, analyst: 403, ciso: 403 }],
  ['establishment', 'update', 'own', { admin: 200, analyst: 403, ciso: 200 }],
  ['establishment', 'update', 'other', { admin: 200, analyst: 403, ciso: 404 }],
  ['establishment', 'delete', 'own', { admin: 204, analyst: 403, ciso: 403 }],
  ['establishment', 'delete', 'other', { admin: 204, analyst: 403, ciso: 403 }],
  ['legal_entity', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['legal_entity', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['legal_entity', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['legal_entity', 'create', 'own', { admin: 201, analyst: 403, ciso: 403 }],
  ['legal_entity', 'update', 'own', { admin: 200, analyst: 403, ciso: 403 }],
  ['legal_entity', 'update', 'other', { admin: 200, analyst: 403, ciso: 403 }],
  ['legal_entity', 'delete', 'other', { admin: 204, analyst: 403, ciso: 403 }],
  ['ght', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['ght', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['ght', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['ght', 'create', 'own', { admin: 201, analyst: 403, ciso: 403 }],
  ['ght', 'update', 'own', { admin: 200, analyst: 403, ciso: 403 }],
  ['ght', 'delete', 'other', { admin: 204, analyst: 403, ciso: 403 }],
  ['user', 'list', 'own', { admin: 200, analyst: 200, ciso: 403 }],
  ['user', 'read', 'own', { admin: 200, analyst: 200, ciso: 403 }],
  ['user', 'read', 'other', { admin: 200, analyst: 404, ciso: 403 }],
  ['user', 'create', 'own', { admin: 201, analyst: 201, ciso: 403 }],
  ['user', 'create', 'other', { admin: 201, analyst: 400, ciso: 403 }],
  ['user', 'update', 'own', { admin: 200, analyst: 200, ciso: 403 }],
  ['user', 'update', 'other', { admin: 200, analyst: 404, ciso: 403 }],
  ['user', 'delete', 'own', { admin: 204, analyst: 204, ciso: 403 }],
  ['user', 'delete', 'other', { admin: 204, analyst: 404, ciso: 403 }],
  // A locked CISO of the region: analysts may unlock them (they may already reset their password).
  ['user', 'unlock', 'own', { admin: 200, analyst: 200, ciso: 403 }],
  ['user', 'unlock', 'other', { admin: 200, analyst: 404, ciso: 403 }],
  ['api_key', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['api_key', 'create', 'own', { admin: 201, analyst: 201, ciso: 201 }],
  ['api_key', 'create', 'other', { admin: 201, analyst: 403, ciso: 404 }],
  ['api_key', 'delete', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['api_key', 'delete', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['audit_event', 'list', 'own', { admin: 200, analyst: 200, ciso: 403 }],
  ['region', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['region', 'read', 'other', { admin: 200, analyst: 200, ciso: 200 }],
  ['job', 'create', 'own', { admin: 202, analyst: 403, ciso: 403 }],
  // A scoring job of an establishment (what a rescore answers with): followed within the tenant only.
  ['job', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['job', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['security_plan', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  // An empty document reaches validation (400) only for admins.
  ['security_plan', 'create', 'own', { admin: 400, analyst: 403, ciso: 403 }],
  // A version that does not exist: admins reach the service (404), the others are stopped before.
  ['security_plan', 'publish', 'own', { admin: 404, analyst: 403, ciso: 403 }],
  ['assessment', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['assessment', 'list', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['assessment', 'create', 'own', { admin: 201, analyst: 403, ciso: 201 }],
  ['assessment', 'create', 'other', { admin: 201, analyst: 403, ciso: 404 }],
  ['assessment', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['assessment', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['assessment', 'update', 'own', { admin: 200, analyst: 403, ciso: 200 }],
  ['assessment', 'update', 'other', { admin: 200, analyst: 403, ciso: 404 }],
  ['assessment', 'delete', 'own', { admin: 204, analyst: 403, ciso: 204 }],
  ['assessment', 'delete', 'other', { admin: 204, analyst: 403, ciso: 404 }],
  // Nothing is answered yet: authorised callers reach the completeness check (400).
  ['assessment', 'submit', 'own', { admin: 400, analyst: 403, ciso: 400 }],
  ['assessment', 'submit', 'other', { admin: 400, analyst: 403, ciso: 404 }],
  ['assessment', 'attach', 'own', { admin: 201, analyst: 403, ciso: 201 }],
  ['assessment', 'attach', 'other', { admin: 201, analyst: 403, ciso: 404 }],
  ['assessment', 'detach', 'own', { admin: 204, analyst: 403, ciso: 204 }],
  ['assessment', 'detach', 'other', { admin: 204, analyst: 403, ciso: 404 }],
  ['score', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['score', 'list', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  // Authorised callers reach the service, which answers 409: nothing is submitted yet.
  ['score', 'create', 'own', { admin: 409, analyst: 403, ciso: 409 }],
  ['score', 'create', 'other', { admin: 409, analyst: 403, ciso: 404 }],
  ['asset', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['asset', 'list', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['asset', 'create', 'own', { admin: 201, analyst: 403, ciso: 201 }],
  ['asset', 'create', 'other', { admin: 201, analyst: 403, ciso: 404 }],
  ['asset', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['asset', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  // The DKIM selectors decide what is scanned: the establishment's to declare, not the analyst's.
  ['asset', 'update', 'own', { admin: 200, analyst: 403, ciso: 200 }],
  ['asset', 'update', 'other', { admin: 200, analyst: 403, ciso: 404 }],
  // An IP address has no name for a TXT record: authorised callers reach that check (400), offline.
  ['asset', 'verify', 'own', { admin: 400, analyst: 403, ciso: 400 }],
  ['asset', 'verify', 'other', { admin: 400, analyst: 403, ciso: 404 }],
  ['asset', 'vouch', 'own', { admin: 200, analyst: 200, ciso: 403 }],
  ['asset', 'vouch', 'other', { admin: 200, analyst: 404, ciso: 403 }],
  ['asset', 'delete', 'own', { admin: 204, analyst: 403, ciso: 204 }],
  ['asset', 'delete', 'other', { admin: 204, analyst: 403, ciso: 404 }],
  ['scan', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['scan', 'list', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['scan', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['scan', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  // Authorised callers reach the service, which answers 400: these establishments have no verified asset.
  ['scan', 'create', 'own', { admin: 400, analyst: 400, ciso: 400 }],
  ['scan', 'create', 'other', { admin: 400, analyst: 404, ciso: 404 }],
  ['finding', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['finding', 'list', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['finding', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['finding', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['config_file', 'list', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['config_file', 'list', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['config_file', 'create', 'own', { admin: 201, analyst: 403, ciso: 201 }],
  ['config_file', 'create', 'other', { admin: 201, analyst: 403, ciso: 404 }],
  ['config_file', 'read', 'own', { admin: 200, analyst: 200, ciso: 200 }],
  ['config_file', 'read', 'other', { admin: 200, analyst: 404, ciso: 404 }],
  ['config_file', 'delete', 'own', { admin: 204, analyst: 403, ciso: 204 }],
  ['config_file', 'delete', 'other', { admin: 204, analyst: 403, ciso: 404 }],
];

describe('tenancy matrix: role × resource × action × own/other tenant', () => {
  let api: ApiHarness;
  let t: Tenants;
  const tokens = {} as Record<Actor, string>;
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
    tokens.admin = await api.adminToken();
    tokens.analyst = await api.login('analyst11@test.fr', PASSWORD);
    tokens.ciso = await api.login('ciso.a@test.fr', PASSWORD);
  });
  afterAll(() => api.close());

  /** A fresh establishment for destructive cases, linked to the CISO when it is theirs. */
  async function freshEstablishment(ownership: Ownership): Promise<Establishment> {
    const repo = api.dataSource.getRepository(Establishment);
    const own = ownership === 'own';
    const digits = String(100000 + (counter++ % 899999)).padStart(6, '0');
    const finess = completeFiness(`${own ? '75' : '2A'}${digits}`);
    const created = await repo.save(
      repo.create({
        finess,
        name: `Site ${finess}`,
        category: 'ehpad',
        legalEntityId: own ? t.legalEntityA.id : t.legalEntityB.id,
        regionCode: own ? '11' : '94',
        departementCode: own ? '75' : '2A',
        ghtId: null,
        bedCount: null,
      }),
    );
    if (own) {
      await api.dataSource
        .getRepository(UserEstablishment)
        .insert({ userId: t.cisoA.id, establishmentId: created.id });
      // Written behind the API's back: its cached principals must be told, as the users service does.
      await api.app.get(PrincipalCache).invalidate([userSubject(t.cisoA.id)]);
    }
    return created;
  }

  async function freshCiso(ownership: Ownership): Promise<string> {
    const res = await api
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({
        email: `ciso-${unique()}@test.fr`,
        displayName: 'Temp',
        password: PASSWORD,
        role: 'establishment_ciso',
        establishmentIds: [ownership === 'own' ? t.a2.id : t.b1.id],
      })
      .expect(201);
    return res.body.id;
  }

  async function freshKey(ownership: Ownership): Promise<string> {
    const res = await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ name: `key ${unique()}`, establishmentId: ownership === 'own' ? t.a1.id : t.b1.id })
      .expect(201);
    return res.body.id;
  }

  async function request(resource: Resource, action: Action, ownership: Ownership, actor: Actor) {
    const own = ownership === 'own';
    const http = () => api.http();
    const auth = { Authorization: `Bearer ${tokens[actor]}` };
    switch (resource) {
      case 'establishment': {
        const id = actor === 'analyst' && own ? t.a2.id : own ? t.a1.id : t.b1.id;
        if (action === 'list') return http().get('/api/v1/establishments').set(auth);
        if (action === 'read') return http().get(`/api/v1/establishments/${id}`).set(auth);
        if (action === 'update')
          return http()
            .patch(`/api/v1/establishments/${id}`)
            .set(auth)
            .send({ bedCount: 100 + counter++ });
        if (action === 'delete')
          return http()
            .delete(`/api/v1/establishments/${(await freshEstablishment(ownership)).id}`)
            .set(auth);
        const finess = completeFiness(`75${String(200000 + counter++).padStart(6, '0')}`);
        return http()
          .post('/api/v1/establishments')
          .set(auth)
          .send({ finess, name: 'Nouveau site', category: 'ch', legalEntityId: t.legalEntityA.id });
      }
      case 'legal_entity': {
        const id = own ? t.legalEntityA.id : t.legalEntityB.id;
        if (action === 'list') return http().get('/api/v1/legal-entities').set(auth);
        if (action === 'read') return http().get(`/api/v1/legal-entities/${id}`).set(auth);
        if (action === 'update')
          return http()
            .patch(`/api/v1/legal-entities/${id}`)
            .set(auth)
            .send({ name: `EJ ${unique()}` });
        if (action === 'delete') {
          const spare = await http()
            .post('/api/v1/legal-entities')
            .set({ Authorization: `Bearer ${tokens.admin}` })
            .send({
              finess: completeFiness(`2A${String(400000 + counter++).padStart(6, '0')}`),
              name: `EJ ${unique()}`,
              legalStatus: 'public',
            })
            .expect(201);
          return http().delete(`/api/v1/legal-entities/${spare.body.id}`).set(auth);
        }
        const finess = completeFiness(`13${String(300000 + counter++).padStart(6, '0')}`);
        return http()
          .post('/api/v1/legal-entities')
          .set(auth)
          .send({ finess, name: 'Nouvelle EJ', legalStatus: 'private_non_profit' });
      }
      case 'ght': {
        const id = own ? t.ghtA.id : t.ghtB.id;
        if (action === 'list') return http().get('/api/v1/ghts').set(auth);
        if (action === 'read') return http().get(`/api/v1/ghts/${id}`).set(auth);
        if (action === 'update')
          return http()
            .patch(`/api/v1/ghts/${id}`)
            .set(auth)
            .send({ name: `GHT ${unique()}` });
        if (action === 'delete') {
          const ght = await http()
            .post('/api/v1/ghts')
            .set({ Authorization: `Bearer ${tokens.admin}` })
            .send({ name: `GHT ${unique()}`, regionCode: '94' });
          return http().delete(`/api/v1/ghts/${ght.body.id}`).set(auth);
        }
        return http()
          .post('/api/v1/ghts')
          .set(auth)
          .send({ name: `GHT ${unique()}`, regionCode: '11' });
      }
      case 'user': {
        if (action === 'list') return http().get('/api/v1/users').set(auth);
        if (action === 'create') {
          return http()
            .post('/api/v1/users')
            .set(auth)
            .send({
              email: `new-${unique()}@test.fr`,
              displayName: 'Nouveau RSSI',
              password: PASSWORD,
              role: 'establishment_ciso',
              establishmentIds: [own ? t.a2.id : t.b1.id],
            });
        }
        if (action === 'unlock') {
          const id = await freshCiso(ownership);
          await api.dataSource
            .getRepository(User)
            .update({ id }, { failedLoginCount: 5, lockedUntil: new Date(Date.now() + 3_600_000) });
          return http().post(`/api/v1/users/${id}/unlock`).set(auth);
        }
        const id = action === 'delete' ? await freshCiso(ownership) : own ? t.cisoA.id : t.cisoB.id;
        if (action === 'read') return http().get(`/api/v1/users/${id}`).set(auth);
        if (action === 'update')
          return http()
            .patch(`/api/v1/users/${id}`)
            .set(auth)
            .send({ displayName: `Nom ${unique()}` });
        return http().delete(`/api/v1/users/${id}`).set(auth);
      }
      case 'api_key': {
        if (action === 'list') return http().get('/api/v1/api-keys').set(auth);
        if (action === 'create') {
          const scope =
            actor === 'analyst'
              ? own
                ? { regionCode: '11' }
                : { regionCode: '94' }
              : { establishmentId: own ? t.a1.id : t.b1.id };
          return http()
            .post('/api/v1/api-keys')
            .set(auth)
            .send({ name: `key ${unique()}`, ...scope });
        }
        return http()
          .delete(`/api/v1/api-keys/${await freshKey(ownership)}`)
          .set(auth);
      }
      case 'audit_event':
        return http().get('/api/v1/audit-events?limit=200').set(auth);
      case 'region':
        return action === 'list'
          ? http().get('/api/v1/regions').set(auth)
          : http().get('/api/v1/regions/94').set(auth);
      case 'job': {
        if (action === 'create') return http().post('/api/v1/jobs/housekeeping').set(auth);
        const site = await freshEstablishment(ownership);
        const assessment = await http()
          .post(`/api/v1/establishments/${site.id}/assessments`)
          .set({ Authorization: `Bearer ${tokens.admin}` })
          .send({ mode: 'short' })
          .expect(201);
        // No worker runs here: the job waits, which is all its status needs.
        const job = await api.app
          .get(JobProducer)
          .enqueue(
            JobName.ScoreAssessment,
            { version: 1, assessmentId: assessment.body.id, trigger: 'rescore' },
            { jobId: jobIds.scoreOnRequest(assessment.body.id, new Date()) },
          );
        return http().get(`/api/v1/jobs/${job.queue}/${job.id}`).set(auth);
      }
      case 'security_plan':
        if (action === 'publish') return http().post('/api/v1/security-plans/9999.1/publish').set(auth);
        return action === 'list'
          ? http().get('/api/v1/security-plans').set(auth)
          : http().post('/api/v1/security-plans').set(auth).send({});
      case 'assessment': {
        const establishment = actor === 'analyst' && own ? t.a2 : own ? t.a1 : t.b1;
        if (action === 'list')
          return http().get(`/api/v1/establishments/${establishment.id}/assessments`).set(auth);
        if (action === 'create') {
          return http()
            .post(`/api/v1/establishments/${(await freshEstablishment(ownership)).id}/assessments`)
            .set(auth)
            .send({ mode: 'short' });
        }
        const site = await freshEstablishment(ownership);
        const draft = await http()
          .post(`/api/v1/establishments/${site.id}/assessments`)
          .set({ Authorization: `Bearer ${tokens.admin}` })
          .send({ mode: 'short' })
          .expect(201);
        if (action === 'read') return http().get(`/api/v1/assessments/${draft.body.id}`).set(auth);
        if (action === 'delete') return http().delete(`/api/v1/assessments/${draft.body.id}`).set(auth);
        if (action === 'submit') return http().post(`/api/v1/assessments/${draft.body.id}/submit`).set(auth);
        const measureId = (
          await http()
            .get(`/api/v1/assessments/${draft.body.id}`)
            .set({ Authorization: `Bearer ${tokens.admin}` })
        ).body.applicableMeasureIds[0];
        const attach = (token: string) =>
          http()
            .post(`/api/v1/assessments/${draft.body.id}/answers/${measureId}/evidence`)
            .set({ Authorization: `Bearer ${token}` })
            .attach('file', PDF, 'preuve.pdf');
        if (action === 'attach') return attach(tokens[actor]);
        if (action === 'detach') {
          const file = await attach(tokens.admin).expect(201);
          return http().delete(`/api/v1/assessments/${draft.body.id}/evidence/${file.body.id}`).set(auth);
        }
        return http()
          .put(`/api/v1/assessments/${draft.body.id}/answers/${measureId}`)
          .set(auth)
          .send({ status: 'level', level: 2 });
      }
      case 'asset': {
        const establishment = actor === 'analyst' && own ? t.a2 : own ? t.a1 : t.b1;
        if (action === 'list')
          return http().get(`/api/v1/establishments/${establishment.id}/assets`).set(auth);
        if (action === 'create')
          return http()
            .post(`/api/v1/establishments/${establishment.id}/assets`)
            .set(auth)
            .send({ kind: 'domain', value: `site-${unique()}.fr` });
        // A site of its own: a vouched asset would make the matrix's scan cases find something to scan.
        const site = await freshEstablishment(ownership);
        const asset = (
          await http()
            .post(`/api/v1/establishments/${site.id}/assets`)
            .set({ Authorization: `Bearer ${tokens.admin}` })
            .send({ kind: 'ipv4', value: `193.51.${counter++ % 250}.${(counter++ % 250) + 1}` })
            .expect(201)
        ).body;
        const path = `/api/v1/assets/${asset.id}`;
        if (action === 'read') return http().get(path).set(auth);
        if (action === 'update')
          return http()
            .patch(path)
            .set(auth)
            .send({ dkimSelectors: ['s1'] });
        if (action === 'verify') return http().post(`${path}/verify`).set(auth).send({ method: 'dns_txt' });
        if (action === 'vouch')
          return http()
            .post(`${path}/vouch`)
            .set(auth)
            .send({ reason: 'Adresse connue de l’ARS, confirmée par le RSSI' });
        return http().delete(path).set(auth);
      }
      case 'scan': {
        const establishment = actor === 'analyst' && own ? t.a2 : own ? t.a1 : t.b1;
        if (action === 'list')
          return http().get(`/api/v1/establishments/${establishment.id}/scans`).set(auth);
        if (action === 'create')
          return http().post(`/api/v1/establishments/${establishment.id}/scans`).set(auth).send({});
        const scan = await api.dataSource.transaction((manager) =>
          recordScan(manager, {
            establishmentId: establishment.id,
            trigger: 'manual',
            requestedById: null,
            tasks: [],
            checksVersion: CHECKS_VERSION,
          }),
        );
        return http().get(`/api/v1/scans/${scan.id}`).set(auth);
      }
      case 'finding': {
        const establishment = actor === 'analyst' && own ? t.a2 : own ? t.a1 : t.b1;
        if (action === 'list')
          return http().get(`/api/v1/establishments/${establishment.id}/findings?status=all`).set(auth);
        const finding = await recordExposedRdp(api.dataSource, establishment.id);
        return http().get(`/api/v1/findings/${finding.id}`).set(auth);
      }
      case 'config_file': {
        const establishment = actor === 'analyst' && own ? t.a2 : own ? t.a1 : t.b1;
        if (action === 'list')
          return http().get(`/api/v1/establishments/${establishment.id}/config-files`).set(auth);
        const upload = (token: string) =>
          http()
            .post(`/api/v1/establishments/${establishment.id}/config-files`)
            .set({ Authorization: `Bearer ${token}` })
            .field('kind', 'sshd')
            .field('label', `Bastion ${unique()}`)
            .attach('files', Buffer.from('PermitRootLogin no\n'), 'sshd_config');
        if (action === 'create') return upload(tokens[actor]);
        const created = await upload(tokens.admin).expect(201);
        if (action === 'read') return http().get(`/api/v1/config-files/${created.body.id}`).set(auth);
        return http().delete(`/api/v1/config-files/${created.body.id}`).set(auth);
      }
      case 'score': {
        const establishment = actor === 'analyst' && own ? t.a2 : own ? t.a1 : t.b1;
        if (action === 'list')
          return http().get(`/api/v1/establishments/${establishment.id}/scores`).set(auth);
        return http().post(`/api/v1/establishments/${establishment.id}/rescore`).set(auth);
      }
    }
  }

  const cases = MATRIX.flatMap(([resource, action, ownership, expected]) =>
    (Object.keys(expected) as Actor[]).map(
      (actor) => [actor, action, resource, ownership, expected[actor]] as const,
    ),
  );

  it.each(cases)('%s %s %s (%s tenant) → %i', async (actor, action, resource, ownership, status) => {
    const res = await request(resource, action, ownership, actor);
    expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({ status });
    if (res.status >= 400)
      expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
  });

  it('lists exactly the establishments of each tenant', async () => {
    const ids = async (actor: Actor) =>
      (
        (
          await api
            .http()
            .get('/api/v1/establishments?limit=200')
            .set('Authorization', `Bearer ${tokens[actor]}`)
        ).body.items as Establishment[]
      ).map((e) => e.id);
    expect(await ids('ciso')).toEqual(expect.arrayContaining([t.a1.id]));
    expect(await ids('ciso')).not.toContain(t.a2.id);
    expect(await ids('analyst')).toEqual(expect.arrayContaining([t.a1.id, t.a2.id]));
    expect(await ids('analyst')).not.toContain(t.b1.id);
    expect(await ids('admin')).toEqual(expect.arrayContaining([t.a1.id, t.a2.id, t.b1.id]));
    const analystSites = (
      await api
        .http()
        .get('/api/v1/establishments?limit=200')
        .set('Authorization', `Bearer ${tokens.analyst}`)
    ).body.items;
    expect(analystSites.every((e: Establishment) => e.regionCode === '11')).toBe(true);
  });

  it('shows analysts only their region’s audit trail, and CISOs only their own keys', async () => {
    const events = (
      await api.http().get('/api/v1/audit-events?limit=200').set('Authorization', `Bearer ${tokens.analyst}`)
    ).body.items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: { regionCode: string }) => e.regionCode === '11')).toBe(true);
    const all = (
      await api.http().get('/api/v1/audit-events?limit=200').set('Authorization', `Bearer ${tokens.admin}`)
    ).body.items;
    expect(all.some((e: { regionCode: string }) => e.regionCode === '94')).toBe(true);

    const keys = (
      await api
        .http()
        .get('/api/v1/api-keys?limit=200&includeInactive=true')
        .set('Authorization', `Bearer ${tokens.ciso}`)
    ).body.items;
    const stored = await api.dataSource.getRepository(ApiKey).find();
    const visible = stored
      .filter((k) => k.establishmentId === t.a1.id || k.createdById === t.cisoA.id)
      .map((k) => k.id)
      .sort();
    expect(keys.map((k: ApiKey) => k.id).sort()).toEqual(visible);
  });

  it('lets only administrators follow platform jobs: others get 404, as for a job that does not exist', async () => {
    const queued = await api
      .http()
      .post('/api/v1/jobs/housekeeping')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .expect(202);
    await api.http().get(queued.body.statusUrl).set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    for (const actor of ['analyst', 'ciso'] as const) {
      const hidden = await api
        .http()
        .get(queued.body.statusUrl)
        .set('Authorization', `Bearer ${tokens[actor]}`)
        .expect(404);
      const missing = await api
        .http()
        .get('/api/v1/jobs/maintenance/no-such-job')
        .set('Authorization', `Bearer ${tokens[actor]}`)
        .expect(404);
      expect(hidden.body).toMatchObject({ code: 'job.not_found' });
      expect(hidden.body.message.replace(queued.body.id, 'ID')).toBe(
        missing.body.message.replace('no-such-job', 'ID'),
      );
    }
  });

  it('lets an API key follow the jobs of its scope, never start a platform job', async () => {
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    const keyOf = async (scope: object) =>
      (
        await api
          .http()
          .post('/api/v1/api-keys')
          .set(admin)
          .send({ name: `key ${unique()}`, access: 'read_write', ...scope })
          .expect(201)
      ).body.key as string;
    const ownKey = await keyOf({ establishmentId: t.a1.id });
    const jobOf = async (establishmentId: string) => {
      const assessment = await api
        .http()
        .post(`/api/v1/establishments/${establishmentId}/assessments`)
        .set(admin)
        .send({ mode: 'short' })
        .expect(201);
      return api.app
        .get(JobProducer)
        .enqueue(
          JobName.ScoreAssessment,
          { version: 1, assessmentId: assessment.body.id, trigger: 'rescore' },
          { jobId: jobIds.scoreOnRequest(assessment.body.id, new Date()) },
        );
    };
    const a1Job = await jobOf(t.a1.id);
    await api.http().get(`/api/v1/jobs/${a1Job.queue}/${a1Job.id}`).set('X-API-Key', ownKey).expect(200);
    // Another establishment of the same CISO and region: outside the key's scope all the same.
    const sibling = await jobOf((await freshEstablishment('own')).id);
    await api.http().get(`/api/v1/jobs/${sibling.queue}/${sibling.id}`).set('X-API-Key', ownKey).expect(404);
    const other = await jobOf(t.b1.id);
    await api.http().get(`/api/v1/jobs/${other.queue}/${other.id}`).set('X-API-Key', ownKey).expect(404);

    const nationalKey = await keyOf({});
    const refused = await api
      .http()
      .post('/api/v1/jobs/housekeeping')
      .set('X-API-Key', nationalKey)
      .expect(403);
    expect(refused.body.message).toBe('API keys cannot create job resources');
    await api.http().get(`/api/v1/jobs/${other.queue}/${other.id}`).set('X-API-Key', nationalKey).expect(200);
  });

  it('answers 404, not 403, for an id that does not exist, so existence never leaks', async () => {
    const res = await api
      .http()
      .get(`/api/v1/establishments/${randomUUID()}`)
      .set('Authorization', `Bearer ${tokens.ciso}`)
      .expect(404);
    const other = await api
      .http()
      .get(`/api/v1/establishments/${t.b1.id}`)
      .set('Authorization', `Bearer ${tokens.ciso}`)
      .expect(404);
    expect(other.body.message.replace(t.b1.id, 'ID')).toBe(res.body.message.replace(/[0-9a-f-]{36}/, 'ID'));
  });
});
