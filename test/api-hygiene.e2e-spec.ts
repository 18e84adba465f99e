import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@vigie/contracts';
import type { Queue } from 'bullmq';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants } from './support/tenants';

describe('API hygiene', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
    await seedTenants(api.dataSource);
  });
  afterAll(() => api.close());

  it('rejects unknown fields with 400 naming them', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.fr', password: 'x', role: 'national_admin' })
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'request.invalid',
      error: 'Bad Request',
      message: 'Validation failed',
      details: [{ field: 'role', problem: 'property role should not exist' }],
    });
  });

  it('rejects wrong types and unknown query parameters with 400', async () => {
    const token = await api.adminToken();
    const res = await api
      .http()
      .get('/api/v1/establishments?limit=abc&colour=blue')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'colour',
      'limit',
    ]);
    await api
      .http()
      .get('/api/v1/establishments/not-a-uuid')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    await api
      .http()
      .get('/api/v1/establishments?limit=500')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'request.malformed',
      error: 'Bad Request',
      message: 'Malformed JSON body',
    });
    const notObject = await api
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('"text"')
      .expect(400);
    expect(notObject.body.statusCode).toBe(400);
  });

  it('answers bodies over the limit with 413', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.fr', password: 'x'.repeat(api.config.api.bodyLimitBytes + 10) })
      .expect(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      code: 'request.too_large',
      error: 'Payload Too Large',
      message: expect.stringContaining('limit'),
    });
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await api.http().get('/api/v1/nothing-here').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'route.not_found',
      error: 'Not Found',
      message: 'No route GET /api/v1/nothing-here',
    });
  });

  it('sends security headers, a request id, and CORS only to configured origins', async () => {
    const res = await api
      .http()
      .get('/api/health')
      .set('Origin', 'https://console.example.fr')
      .set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://console.example.fr');
    const foreign = await api.http().get('/api/health').set('Origin', 'https://evil.example.com');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const generated = await api.http().get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI document describing every route, with schemas for bodies', async () => {
    const doc = (await api.http().get('/api/docs-json').expect(200)).body;
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/api-keys',
      '/api/v1/regions',
      '/api/v1/establishments',
      '/api/v1/establishments/{id}',
      '/api/v1/legal-entities',
      '/api/v1/ghts',
      '/api/v1/audit-events',
      '/api/v1/jobs/housekeeping',
      '/api/health',
      '/api/metrics',
    ]) {
      expect(paths).toContain(path);
    }
    for (const [path, operations] of Object.entries<Record<string, { summary?: string; responses: object }>>(
      doc.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(`${method} ${path}: ${operation.summary ?? 'no summary'}`).not.toMatch(/no summary$/);
      }
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['LoginDto', 'TokensDto', 'EstablishmentDto', 'CreateUserDto']),
    );
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    expect(doc.components.securitySchemes).toHaveProperty('apiKey');
    await api.http().get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('never writes passwords, tokens or API keys to the logs', async () => {
    const login = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ciso.a@test.fr', password: PASSWORD })
      .expect(200);
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ciso.a@test.fr', password: 'wrong-secret-password' })
      .expect(401);
    const key = await api
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({
        name: 'logging test',
        establishmentId: (
          await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`)
        ).body.establishmentIds[0],
      })
      .expect(201);
    await api
      .http()
      .get('/api/v1/establishments?token=query-secret-value')
      .set('X-API-Key', key.body.key)
      .expect(400);
    const logs = api.logs.text;
    expect(logs).toContain('request completed');
    for (const secret of [
      PASSWORD,
      'wrong-secret-password',
      login.body.accessToken,
      login.body.refreshToken,
      key.body.key,
      'query-secret-value',
    ]) {
      expect(logs).not.toContain(secret);
    }
    const line = JSON.parse(api.logs.lines.find((l) => l.includes('/api/v1/auth/login'))!);
    expect(line).toMatchObject({
      level: 'info',
      requestId: expect.any(String),
      method: 'POST',
      path: '/api/v1/auth/login',
      status: expect.any(Number),
    });
  });

  it('reports health 200 with the database and Redis up', async () => {
    const res = await api.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves Prometheus metrics to loopback clients', async () => {
    const res = await api.http().get('/api/metrics').expect(200);
    expect(res.text).toMatch(/vigie_http_requests_total\{method="GET",route="\/api\/health",status="200"/);
    expect(res.text).toMatch(/vigie_queue_jobs\{queue="maintenance",state="waiting"/);
  });

  it('keeps the queue dashboard for administrators', async () => {
    await api.http().get('/api/admin/queues').expect(401).expect('WWW-Authenticate', /Basic/);
    await api.http().get('/api/admin/queues').auth('ciso.a@test.fr', PASSWORD).expect(401);
    await api
      .http()
      .get('/api/admin/queues')
      .auth('admin@test.vigie.local', 'wrong-password-here')
      .expect(401);
    await api
      .http()
      .get('/api/admin/queues')
      .auth('admin@test.vigie.local', 'admin-password-for-tests')
      .expect(200);
    await api
      .http()
      .get('/api/admin/queues')
      .set('Authorization', `Bearer ${await api.adminToken()}`)
      .expect(200);
  });

  it('refuses cross-site changes to the queues, even with cached Basic credentials', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });
    const jobs = () => queue.getJobCountByTypes('waiting', 'delayed');
    const before = await jobs();
    const add = () =>
      api
        .http()
        .post('/api/admin/queues/api/queues/maintenance/add')
        .auth('admin@test.vigie.local', 'admin-password-for-tests');
    const forged = [
      // A form posted from another site: the browser says so in Sec-Fetch-Site and Origin.
      add().set('Sec-Fetch-Site', 'cross-site').set('Origin', 'https://attacker.example').type('form'),
      add().set('Origin', 'https://attacker.example').type('form').send('name=housekeeping'),
      add().set('Sec-Fetch-Site', 'same-site').send({ name: 'housekeeping', data: {} }),
      // No proof at all: a browser old enough to send neither header, or a careless script.
      add().send({ name: 'housekeeping', data: {} }),
    ];
    for (const request of forged) {
      const res = await request.expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'access.cross_site_request' });
    }
    // Refused before the password is checked: a forged post with a wrong password counts no failure.
    await api
      .http()
      .post('/api/admin/queues/api/queues/maintenance/add')
      .auth('admin@test.vigie.local', 'wrong-password-here')
      .set('Origin', 'https://attacker.example')
      .expect(403);
    expect(await jobs()).toBe(before);

    const genuine = [
      add().set('Sec-Fetch-Site', 'same-origin').send({ name: 'housekeeping', data: {} }),
      // Behind a TLS proxy: the page's origin is https, the host is the one the API is reached by.
      add()
        .set('Host', 'vigie.example.fr')
        .set('Origin', 'https://vigie.example.fr')
        .send({ name: 'housekeeping', data: {} }),
      add().set('X-Requested-With', 'XMLHttpRequest').send({ name: 'housekeeping', data: {} }),
    ];
    for (const request of genuine) await request.expect(200);
    expect(await jobs()).toBe(before + genuine.length);
    await queue.drain(true);
  });
});

describe('health when Redis is down', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Nothing listens on port 1: Redis is unreachable from the start.
    api = await startApi({ redis: { url: 'redis://127.0.0.1:1' } });
  });
  afterAll(() => api.close());

  it('answers 503 naming Redis, and metrics and login keep working', async () => {
    const res = await api.http().get('/api/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, redis: { status: 'down', error: expect.any(String) } },
    });
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'admin@test.vigie.local', password: 'admin-password-for-tests' })
      .expect(200);
    await api.http().get('/api/metrics').expect(200);
    const job = await api
      .http()
      .post('/api/v1/jobs/housekeeping')
      .set('Authorization', `Bearer ${await api.adminToken()}`)
      .expect(503);
    expect(job.body.message).toMatch(/queue is unavailable/);
  });
});

describe('metrics with METRICS_TOKEN', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ api: { metricsToken: 'scrape-token-0123456789' } });
  });
  afterAll(() => api.close());

  it('requires the token', async () => {
    await api.http().get('/api/metrics').expect(401);
    await api.http().get('/api/metrics').set('Authorization', 'Bearer wrong').expect(401);
    await api.http().get('/api/metrics').set('Authorization', 'Bearer scrape-token-0123456789').expect(200);
  });
});
