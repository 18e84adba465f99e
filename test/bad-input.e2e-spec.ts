import { type ApiHarness, startApi } from './support/api-harness';
import { seedTenants, type Tenants } from './support/tenants';

/** `{"a":[[[...]]]}` nested `depth` levels deep, written by hand: JSON.stringify would recurse. */
const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';

describe('bad input at the edge', () => {
  let api: ApiHarness;
  let tenants: Tenants;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    tenants = await seedTenants(api.dataSource);
    admin = await api.adminToken();
  });
  afterAll(() => api.close());

  const json = (method: 'post' | 'patch' | 'put', path: string, body: string, token?: string) => {
    const req = api.http()[method](path).set('Content-Type', 'application/json');
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body);
  };

  describe('deeply nested bodies', () => {
    it.each([
      '/api/v1/auth/login',
      '/api/v1/users',
      '/api/v1/api-keys',
      '/api/v1/establishments',
      '/api/v1/legal-entities',
      '/api/v1/ghts',
    ])('POST %s with 5,000 levels answers 400 request.malformed', async (path) => {
      for (const token of [admin, undefined]) {
        const res = await json('post', path, nested(5000), token).expect(400);
        expect(res.body).toEqual({
          statusCode: 400,
          code: 'request.malformed',
          error: 'Bad Request',
          message: 'The body is nested deeper than 32 levels',
        });
      }
    });

    it('accepts 32 levels and refuses 33', async () => {
      // Both reach validation or the edge; only the second is refused for its depth.
      const ok = await json('post', '/api/v1/ghts', nested(32), admin).expect(400);
      expect(ok.body.code).toBe('request.invalid');
      const deep = await json('post', '/api/v1/ghts', nested(33), admin).expect(400);
      expect(deep.body.code).toBe('request.malformed');
    });

    it('refuses a body as deep as the size limit allows without blowing the stack', async () => {
      const depth = Math.floor(api.config.api.bodyLimitBytes / 2) - 10;
      const res = await json('post', '/api/v1/ghts', `${'['.repeat(depth)}${']'.repeat(depth)}`, admin);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.malformed');
    });
  });

  describe('strings that no database stores faithfully', () => {
    it.each([
      ['NUL', `a${NUL}@b.fr`],
      ['a lone surrogate', `a${LONE_SURROGATE}@b.fr`],
      ['both', `${NUL}${LONE_SURROGATE}`],
    ])('login with %s in the e-mail answers 400 naming the field', async (_what, email) => {
      const res = await json('post', '/api/v1/auth/login', JSON.stringify({ email, password: 'x' }));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'request.invalid_string',
        error: 'Bad Request',
        message: 'Strings must not contain NUL characters or unpaired surrogates',
        details: [{ field: 'email', problem: expect.stringMatching(/NUL character|unpaired surrogate/) }],
      });
    });

    it('refuses them in a user creation, even in nested fields and keys', async () => {
      const res = await json(
        'post',
        '/api/v1/users',
        JSON.stringify({
          email: `x${NUL}@b.fr`,
          displayName: 'ok',
          password: 'long-enough-password',
          role: 'establishment_ciso',
          establishmentIds: ['ok', `bad${LONE_SURROGATE}`],
          [`k${NUL}`]: 1,
        }),
        admin,
      ).expect(400);
      expect(res.body.code).toBe('request.invalid_string');
      expect(res.body.details).toEqual([
        { field: 'email', problem: 'contains a NUL character' },
        { field: 'establishmentIds.1', problem: 'contains an unpaired surrogate' },
        { field: 'k\\u0000', problem: 'the field name contains a NUL character' },
      ]);
    });

    it('refuses them in names sent to PATCH and POST', async () => {
      const patched = await json(
        'patch',
        `/api/v1/establishments/${tenants.a1.id}`,
        JSON.stringify({ name: `Pitié${NUL}` }),
        admin,
      ).expect(400);
      expect(patched.body.details).toEqual([{ field: 'name', problem: 'contains a NUL character' }]);
      const ght = await json(
        'post',
        '/api/v1/ghts',
        JSON.stringify({ name: `G${LONE_SURROGATE}x`, regionCode: '11' }),
        admin,
      ).expect(400);
      expect(ght.body.details).toEqual([{ field: 'name', problem: 'contains an unpaired surrogate' }]);
      // A well-formed pair is a character like any other.
      const emoji = await json(
        'post',
        '/api/v1/ghts',
        JSON.stringify({ name: 'GHT 🏥 Paris', regionCode: '11' }),
        admin,
      ).expect(201);
      const read = await api
        .http()
        .get(`/api/v1/ghts/${emoji.body.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(read.body.name).toBe('GHT 🏥 Paris');
    });

    it.each([
      ['/api/v1/establishments?q=%00', 'q'],
      ['/api/v1/ghts?q=abc%00', 'q'],
      ['/api/v1/users?q=%00', 'q'],
      ['/api/v1/audit-events?action=%00', 'action'],
      ['/api/v1/audit-events?targetType=a%00b', 'targetType'],
    ])('refuses them in the query string: %s', async (path, field) => {
      const res = await api.http().get(path).set('Authorization', `Bearer ${admin}`).expect(400);
      expect(res.body).toMatchObject({
        code: 'request.invalid_string',
        details: [{ field, problem: 'contains a NUL character' }],
      });
    });

    it('reads invalid UTF-8 in the query (an encoded surrogate) as U+FFFD, a character like any other', async () => {
      await api
        .http()
        .get('/api/v1/establishments?q=%ED%A0%80')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
    });

    it.each([
      '/api/v1/security-plans/2026%00',
      '/api/v1/jobs/maintenance/1%00',
      `/api/v1/establishments/%00`,
    ])('refuses them in path parameters: %s', async (path) => {
      const res = await api.http().get(path).set('Authorization', `Bearer ${admin}`).expect(400);
      expect(res.body).toMatchObject({
        code: 'request.invalid_string',
        details: [{ field: 'path', problem: 'contains a NUL character' }],
      });
    });

    it('answers an undecodable path with 400 in the error shape', async () => {
      const res = await api
        .http()
        .get('/api/v1/security-plans/%E0%A4%A')
        .set('Authorization', `Bearer ${admin}`)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'request.malformed' });
    });
  });

  describe('media types', () => {
    it('refuses a JSON body sent as text/plain with 415 instead of ignoring it', async () => {
      const res = await api
        .http()
        .post(`/api/v1/establishments/${tenants.a1.id}/assessments`)
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ copyFromLatest: true }))
        .expect(415);
      expect(res.body).toEqual({
        statusCode: 415,
        code: 'request.unsupported_media_type',
        error: 'Unsupported Media Type',
        message: 'Send the body as application/json (text/plain is not accepted here)',
      });
      const list = await api
        .http()
        .get(`/api/v1/establishments/${tenants.a1.id}/assessments`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(list.body.items).toHaveLength(0);
    });

    it('refuses form bodies and bodies without a type', async () => {
      const form = await api
        .http()
        .post('/api/v1/auth/login')
        .type('form')
        .send({ email: 'a@b.fr', password: 'x' })
        .expect(415);
      expect(form.body.code).toBe('request.unsupported_media_type');
      const untyped = await api
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', '')
        .send(Buffer.from('{"email":"a@b.fr"}'))
        .expect(415);
      expect(untyped.body.code).toBe('request.unsupported_media_type');
    });

    it('refuses multipart on JSON routes and JSON on upload routes, and keeps uploads working', async () => {
      const multipartToJson = await api
        .http()
        .post('/api/v1/ghts')
        .set('Authorization', `Bearer ${admin}`)
        .field('name', 'GHT multipart')
        .field('regionCode', '11')
        .expect(415);
      expect(multipartToJson.body.message).toMatch(/application\/json/);
      const jsonToUpload = await api
        .http()
        .post(`/api/v1/establishments/${tenants.a1.id}/config-files`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ kind: 'sshd' })
        .expect(415);
      expect(jsonToUpload.body.message).toMatch(/multipart\/form-data/);
      await api
        .http()
        .post(`/api/v1/establishments/${tenants.a1.id}/config-files`)
        .set('Authorization', `Bearer ${admin}`)
        .field('kind', 'sshd')
        .field('label', 'Bastion')
        .attach('files', Buffer.from('PermitRootLogin no\n'), 'sshd_config')
        .expect(201);
    });

    // A lone surrogate cannot travel in a UTF-8 multipart body (the client sends U+FFFD): NUL can.
    it('refuses NUL in multipart fields, which the validation pipe checks', async () => {
      for (const bad of [`Bastion${NUL}`, `${NUL}`]) {
        const res = await api
          .http()
          .post(`/api/v1/establishments/${tenants.a1.id}/config-files`)
          .set('Authorization', `Bearer ${admin}`)
          .field('kind', 'sshd')
          .field('label', bad)
          .attach('files', Buffer.from('PermitRootLogin no\n'), 'sshd_config')
          .expect(400);
        expect(res.body).toMatchObject({
          code: 'request.invalid_string',
          details: [{ field: 'label', problem: expect.any(String) }],
        });
      }
    });

    it('keeps requests without a body working', async () => {
      await api
        .http()
        .post('/api/v1/jobs/housekeeping')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'text/plain')
        .expect(202);
      await api
        .http()
        .get('/api/v1/establishments')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'text/plain')
        .expect(200);
    });
  });

  describe('numeric query parameters', () => {
    const paginated = () => [
      '/api/v1/establishments',
      '/api/v1/legal-entities',
      '/api/v1/ghts',
      '/api/v1/users',
      '/api/v1/api-keys',
      '/api/v1/audit-events',
      `/api/v1/establishments/${tenants.a1.id}/scores`,
      `/api/v1/establishments/${tenants.a1.id}/scans`,
      `/api/v1/establishments/${tenants.a1.id}/findings`,
    ];

    it.each([
      ['offset', '1e20'],
      ['offset', '9223372036854775808'],
      ['offset', '2147483648'],
      ['offset', '-1'],
      ['offset', 'NaN'],
      ['offset', '1.5'],
      ['offset', ''],
      ['limit', '1e2'],
      ['limit', '0x10'],
      ['limit', '201'],
      ['limit', '0'],
    ])('%s=%s answers 400 naming it on every paginated list', async (name, value) => {
      for (const path of paginated()) {
        const res = await api
          .http()
          .get(`${path}?${name}=${encodeURIComponent(value)}`)
          .set('Authorization', `Bearer ${admin}`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.code).toBe('request.invalid');
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(name);
      }
    });

    it('accepts the largest offset and limit', async () => {
      for (const path of paginated()) {
        const res = await api
          .http()
          .get(`${path}?offset=2147483647&limit=200`)
          .set('Authorization', `Bearer ${admin}`);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });
  });

  describe('prototype keys', () => {
    it.each(['__proto__', 'constructor', 'prototype'])(
      '%s in a body answers 400 naming it, at any depth',
      async (key) => {
        const top = await json(
          'post',
          '/api/v1/auth/login',
          `{"email":"a@b.fr","password":"x","${key}":{"role":"national_admin"}}`,
        ).expect(400);
        expect(top.body).toEqual({
          statusCode: 400,
          code: 'request.invalid',
          error: 'Bad Request',
          message: 'Validation failed',
          details: [{ field: key, problem: `property ${key} should not exist` }],
        });
        const deep = await json(
          'post',
          '/api/v1/users',
          `{"email":"a@b.fr","establishmentIds":[{"${key}":1}]}`,
          admin,
        ).expect(400);
        expect(deep.body.details).toEqual([
          { field: `establishmentIds.0.${key}`, problem: `property ${key} should not exist` },
        ]);
      },
    );
  });
});
