import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@vigie/common';
import { ScoreSnapshot } from '@vigie/database';
import type { Response } from 'supertest';
import { type ApiHarness, startApi } from './support/api-harness';
import { answerAll, PDF } from './support/assessments';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';
import { startWorker } from './support/worker-harness';
import { waitFor } from './support/worker-process';

const ROOT = join(__dirname, '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Warnings of spectral:oas we accept, each with why. */
const JUSTIFIED_WARNINGS: Record<string, string> = {
  // Every operation has a summary (test/api-hygiene.e2e-spec.ts checks it); a longer description is written
  // only where the summary is not enough, rather than repeating it.
  'operation-description': 'summaries are the descriptions',
};

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

/**
 * The OpenAPI document must describe what the API really answers: it is linted, a TypeScript client is
 * generated from it, and real responses of the running API are type-checked against that client.
 */
describe('OpenAPI document', () => {
  let api: ApiHarness;
  let t: Tenants;
  let dir: string;
  let doc: {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, { enum?: string[] }> };
  };
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
    dir = mkdtempSync(join(tmpdir(), 'vigie-openapi-'));
    doc = (await api.http().get('/api/docs-json').expect(200)).body;
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc, null, 2));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the spectral:oas ruleset without errors or warnings', () => {
    writeFileSync(join(dir, 'ruleset.yaml'), 'extends: ["spectral:oas"]\n');
    const lint = run(bin('spectral'), [
      'lint',
      join(dir, 'openapi.json'),
      '--ruleset',
      join(dir, 'ruleset.yaml'),
      '--format',
      'json',
      '--fail-severity',
      'hint',
      '--quiet',
    ]);
    // Exit 1 only reports findings (the justified warnings count at this fail severity); anything else is a crash.
    expect({ status: lint.status, error: lint.error }).toEqual({
      status: expect.any(Number),
      error: undefined,
    });
    expect([0, 1]).toContain(lint.status);
    const results = JSON.parse(lint.stdout) as SpectralResult[];
    expect(Array.isArray(results)).toBe(true);
    const problems = results
      .filter((r) => r.severity === 0 || (r.severity === 1 && !JUSTIFIED_WARNINGS[r.code]))
      .map((r) => `${r.severity === 0 ? 'error' : 'warning'} ${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(problems).toEqual([]);
    expect(lint.stderr).toBe('');
  });

  it('lists every error code, and every operation declares the error shape', () => {
    expect([...(doc.components.schemas.ErrorCode.enum ?? [])].sort()).toEqual(
      Object.values(ErrorCode).sort(),
    );
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect({ operation: `${method} ${path}`, error: operation.responses.default }).toEqual({
          operation: `${method} ${path}`,
          error: expect.anything(),
        });
      }
    }
  });

  it('gives every property a type: no untyped value, no object without its members, no array without items', () => {
    const vague: string[] = [];
    const visit = (schema: Record<string, unknown>, at: string) => {
      const typed = ['type', '$ref', 'allOf', 'oneOf', 'anyOf', 'enum'].some((k) => k in schema);
      if (!typed) vague.push(`${at}: no type`);
      if (schema.type === 'object' && !schema.properties && !schema.additionalProperties && !schema.allOf)
        vague.push(`${at}: object without members`);
      if (schema.type === 'array' && !schema.items) vague.push(`${at}: array without items`);
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, object>))
        visit(property as Record<string, unknown>, `${at}.${name}`);
      if (schema.items) visit(schema.items as Record<string, unknown>, `${at}[]`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) visit(schema, name);
    expect(vague).toEqual([]);
  });

  it('answers every list as a page {items,total,limit,offset}', () => {
    const arrays = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => {
          const ok = operation.responses['200'] as
            { content?: Record<string, { schema?: { type?: string } }> } | undefined;
          return ok?.content?.['application/json']?.schema?.type === 'array';
        })
        .map(([method]) => `${method} ${path}`),
    );
    expect(arrays).toEqual([]);
  });

  it('types real responses: a client generated from it type-checks against them', async () => {
    const admin = await api.adminToken();
    const ciso = await api.login('ciso.a@test.fr', PASSWORD);
    const checks: string[] = [];
    /** Records `body` as a value of the response type the document declares for this operation and status. */
    const capture = (path: string, method: string, status: number | 'default', res: Response) => {
      expect({ path, method, status: res.status }).toEqual({
        path,
        method,
        status: status === 'default' ? expect.any(Number) : status,
      });
      checks.push(
        `export const r${checks.length}: Body<'${path}', '${method}', ${status === 'default' ? "'default'" : status}> = ${JSON.stringify(res.body, null, 2)};`,
      );
    };
    const get = (url: string, token = admin) => api.http().get(url).set(as(token));

    capture('/api/v1/auth/me', 'get', 200, await get('/api/v1/auth/me', ciso));
    capture('/api/v1/regions', 'get', 200, await get('/api/v1/regions?limit=2'));
    capture('/api/v1/regions/{code}', 'get', 200, await get('/api/v1/regions/94'));
    capture('/api/v1/establishments', 'get', 200, await get('/api/v1/establishments'));
    capture('/api/v1/establishments/{id}', 'get', 200, await get(`/api/v1/establishments/${t.a1.id}`));
    capture('/api/v1/legal-entities', 'get', 200, await get('/api/v1/legal-entities'));
    capture('/api/v1/ghts', 'get', 200, await get('/api/v1/ghts'));
    capture('/api/v1/users', 'get', 200, await get('/api/v1/users'));
    capture('/api/v1/security-plans', 'get', 200, await get('/api/v1/security-plans'));
    const version = (await get('/api/v1/security-plans')).body.items[0].version;
    capture('/api/v1/security-plans/{version}', 'get', 200, await get(`/api/v1/security-plans/${version}`));
    capture(
      '/api/v1/api-keys',
      'post',
      201,
      await api
        .http()
        .post('/api/v1/api-keys')
        .set(as(admin))
        .send({ name: 'client types', regionCode: '11' }),
    );
    capture('/api/v1/api-keys', 'get', 200, await get('/api/v1/api-keys'));

    const started = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/assessments`)
      .set(as(ciso))
      .send({ mode: 'short' });
    capture('/api/v1/establishments/{establishmentId}/assessments', 'post', 201, started);
    const id = started.body.id as string;
    const measureId = (await get(`/api/v1/assessments/${id}`, ciso)).body.applicableMeasureIds[0] as string;
    const answerUrl = `/api/v1/assessments/${id}/answers/${measureId}`;
    const answer = '/api/v1/assessments/{id}/answers/{measureId}';
    capture(
      answer,
      'put',
      200,
      await api.http().put(answerUrl).set(as(ciso)).send({ status: 'level', level: 2 }),
    );
    capture(answer, 'put', 409, await api.http().put(answerUrl).set(as(ciso)).send({ status: 'dont_know' }));
    capture(
      '/api/v1/assessments/{id}/answers/{measureId}/evidence',
      'post',
      201,
      await api.http().post(`${answerUrl}/evidence`).set(as(ciso)).attach('file', PDF, 'preuve.pdf'),
    );
    capture('/api/v1/assessments/{id}', 'get', 200, await get(`/api/v1/assessments/${id}`, ciso));
    await answerAll(api.http, ciso, id, () => 3);
    capture(
      '/api/v1/assessments/{id}/submit',
      'post',
      200,
      await api.http().post(`/api/v1/assessments/${id}/submit`).set(as(ciso)),
    );
    capture(
      '/api/v1/establishments/{establishmentId}/assessments',
      'get',
      200,
      await get(`/api/v1/establishments/${t.a1.id}/assessments`, ciso),
    );

    const worker = await startWorker(api.config);
    try {
      const snapshot = await waitFor(
        () => api.dataSource.getRepository(ScoreSnapshot).findOneBy({ assessmentId: id }),
        30000,
        'the score of the submitted assessment',
      );
      const scores = `/api/v1/establishments/${t.a1.id}/scores`;
      capture('/api/v1/establishments/{establishmentId}/scores', 'get', 200, await get(scores, ciso));
      capture(
        '/api/v1/establishments/{establishmentId}/scores/latest',
        'get',
        200,
        await get(`${scores}/latest`, ciso),
      );
      capture(
        '/api/v1/establishments/{establishmentId}/scores/compare',
        'get',
        200,
        await get(`${scores}/compare?from=${snapshot.id}&to=${snapshot.id}`, ciso),
      );
    } finally {
      await worker.drain(5000);
    }

    const asset = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/assets`)
      .set(as(ciso))
      .send({ kind: 'domain', value: 'types.example.fr' });
    capture('/api/v1/establishments/{establishmentId}/assets', 'post', 201, asset);
    capture(
      '/api/v1/establishments/{establishmentId}/assets',
      'get',
      200,
      await get(`/api/v1/establishments/${t.a1.id}/assets`, ciso),
    );
    const configFile = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/config-files`)
      .set(as(ciso))
      .field('kind', 'sshd')
      .field('label', 'Bastion')
      .attach('files', Buffer.from('PermitRootLogin no\n'), 'sshd_config');
    capture('/api/v1/establishments/{establishmentId}/config-files', 'post', 201, configFile);
    const scan = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({ configFileIds: [configFile.body.id] });
    capture('/api/v1/establishments/{establishmentId}/scans', 'post', 202, scan);
    capture('/api/v1/scans/{scanId}', 'get', 200, await get(`/api/v1/scans/${scan.body.id}`, ciso));
    capture(
      '/api/v1/establishments/{establishmentId}/scans',
      'get',
      200,
      await get(`/api/v1/establishments/${t.a1.id}/scans`, ciso),
    );
    capture(
      '/api/v1/establishments/{establishmentId}/config-files',
      'get',
      200,
      await get(`/api/v1/establishments/${t.a1.id}/config-files`, ciso),
    );
    capture(
      '/api/v1/establishments/{establishmentId}/findings',
      'get',
      200,
      await get(`/api/v1/establishments/${t.a1.id}/findings?status=all`, ciso),
    );
    capture('/api/v1/audit-events', 'get', 200, await get('/api/v1/audit-events?limit=20'));

    // Errors: a validation failure with details, and a resource outside the caller's scope.
    capture('/api/v1/establishments', 'get', 'default', await get('/api/v1/establishments?limit=abc'));
    capture(
      '/api/v1/establishments/{id}',
      'get',
      'default',
      await get(`/api/v1/establishments/${t.b1.id}`, ciso),
    );

    writeFileSync(
      join(dir, 'check.ts'),
      [
        "import type { paths } from './api';",
        "type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;",
        'type Body<P extends keyof paths, M extends keyof paths[P], S extends number | string> =',
        '  paths[P][M] extends { responses: infer R } ? (S extends keyof R ? Json<R[S]> : never) : never;',
        ...checks,
        '',
      ].join('\n'),
    );
    const generate = run(bin('openapi-typescript'), [join(dir, 'openapi.json'), '-o', join(dir, 'api.ts')]);
    expect(generate.status).toBe(0);
    const tsc = run(bin('tsc'), [
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      join(dir, 'check.ts'),
    ]);
    // Each mismatch is shown with its response (path, method, status) and the offending line of the body.
    const source = readFileSync(join(dir, 'check.ts'), 'utf8').split('\n');
    const mismatches = tsc.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const at = /check\.ts\((\d+),\d+\): (.*)$/.exec(line);
        if (!at) return line;
        let start = Number(at[1]) - 1;
        while (start > 0 && !source[start].startsWith('export const')) start--;
        const response = /Body<(.*)> =/.exec(source[start])?.[1];
        return `${response}: ${source[Number(at[1]) - 1].trim()} -> ${at[2]}`;
      });
    expect(mismatches).toEqual([]);
    expect(tsc.status).toBe(0);
  });
});
