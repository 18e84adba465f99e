import { ErrorCode } from '@vigie/common';
import { type ApiHarness, startApi } from './support/api-harness';
import { rawClient, type RawRequest, type RawResponse } from './support/raw-http';
import { seedTenants } from './support/tenants';

/**
 * Walks every operation of the OpenAPI document the API serves and sends it malformed input: bodies (too deep,
 * NUL and unpaired surrogates, wrong types, unknown and prototype keys, wrong media types), path values (not a
 * uuid, NUL, huge) and query values (1e20, -1, NaN, NUL), signed in as the national administrator and signed
 * out. Every answer must be a 4xx in the error shape, without a stack trace; the API stays healthy.
 * Deterministic: fixed values, one request at a time, on ids that do not exist (nothing is created).
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const ABSENT_ID = '00000000-0000-4000-8000-000000000000';
const NUL = '%00';
const HUGE = 'x'.repeat(2000);
const DEEP = `{"a":${'['.repeat(4999)}${']'.repeat(4999)}}`;
const CODES = new Set<string>(Object.values(ErrorCode));
const ERROR_KEYS = new Set(['statusCode', 'code', 'error', 'message', 'details']);

/** Values a constrained query parameter (number, boolean, enum, uuid, date) must refuse. */
const BAD_QUERY_VALUES = ['1e20', '-1', 'NaN', NUL];

describe('OpenAPI fuzz: malformed input never gets a 5xx', () => {
  let api: ApiHarness;
  let doc: Document;
  let client: Awaited<ReturnType<typeof rawClient>>;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    await seedTenants(api.dataSource);
    admin = await api.adminToken();
    client = await rawClient(api.app.getHttpServer());
    doc = (await api.http().get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(async () => {
    client.close();
    await api.close();
  });

  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) };
    }
    return schema;
  };

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
      })),
    );

  /** The path with every parameter set to a well-formed value, except `bad` set to `value`. */
  const fillPath = (template: string, bad?: { name: string; value: string }) =>
    template.replace(/\{(\w+)\}/g, (_match, name: string) => (bad?.name === name ? bad.value : ABSENT_ID));

  const json = (body: string) => ({ body, headers: { 'Content-Type': 'application/json' } });

  /**
   * Bodies every route must refuse, whatever it takes. The edge checks them before routing, the same way for
   * every route: each operation gets the first two and one of the others in turn, which keeps the request count
   * bounded while every variant still reaches many routes.
   */
  const edgeBodies = (turn: number): Array<[string, Partial<RawRequest>]> => {
    const always: Array<[string, Partial<RawRequest>]> = [
      ['5,000 levels deep', json(DEEP)],
      ['JSON as text/plain', { body: '{"name":"x"}', headers: { 'Content-Type': 'text/plain' } }],
    ];
    const inTurn: Array<[string, Partial<RawRequest>]> = [
      ['NUL in a string', json('{"name":"a\\u0000b"}')],
      ['unpaired surrogate', json('{"name":"G\\ud800x"}')],
      ['NUL in a key', json('{"na\\u0000me":"x"}')],
      ['a form', { body: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }],
      ['no Content-Type', { body: '{"name":"x"}' }],
      ['not JSON', json('{"name": ')],
    ];
    return [...always, inTurn[turn % inTurn.length]];
  };

  /** Bodies a route that takes a JSON body must refuse, built from its schema. */
  const schemaBodies = (schema: Schema): Array<[string, Partial<RawRequest>]> => {
    const names = Object.keys(schema.properties ?? {});
    const each = (value: unknown) => JSON.stringify(Object.fromEntries(names.map((name) => [name, value])));
    return [
      ['every field an object', json(each({ $gt: '' }))],
      ['every field an array', json(each([[]]))],
      ['every field a huge number', json(each(1e308))],
      ['every field NUL', json(each('\u0000'))],
      ['every field an unpaired surrogate', json(each('\udfff'))],
      ['an unknown field', json('{"unexpectedField":true}')],
      ['__proto__', json('{"__proto__":{"role":"national_admin"}}')],
      ['constructor', json('{"constructor":{"prototype":{"role":"national_admin"}}}')],
      ['an array', json('[]')],
      ['a string', json('"text"')],
    ];
  };

  /** Multipart forms an upload route must refuse: no file, NUL in a field, bracket nesting past the limit. */
  const multipartBodies = (): Array<[string, Partial<RawRequest>]> => {
    const boundary = 'fuzzboundary';
    const form = (fields: Array<[string, string]>) => ({
      body: Buffer.from(
        fields
          .map(
            ([name, value]) =>
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
          )
          .join('') + `--${boundary}--\r\n`,
      ),
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    return [
      ['multipart without a file', form([['kind', 'sshd']])],
      ['multipart with NUL in a field', form([['label', 'a\u0000b']])],
      ['multipart nested 40 levels by field name', form([[`a${'[b]'.repeat(40)}`, 'x']])],
      ['multipart with __proto__', form([['__proto__[role]', 'national_admin']])],
    ];
  };

  const problems: string[] = [];
  let requests = 0;

  const check = (label: string, res: RawResponse) => {
    requests += 1;
    const body = res.json as Record<string, unknown> | undefined;
    const fault =
      res.status < 400 || res.status >= 500
        ? `status ${res.status}`
        : !body || typeof body !== 'object'
          ? 'no JSON error body'
          : Object.keys(body).some((key) => !ERROR_KEYS.has(key))
            ? `unexpected keys ${Object.keys(body).join(',')}`
            : body.statusCode !== res.status ||
                !CODES.has(String(body.code)) ||
                typeof body.error !== 'string' ||
                typeof body.message !== 'string'
              ? 'not the error shape'
              : /\bat .+:\d+:\d+|"stack"/.test(res.text)
                ? 'stack trace in the body'
                : undefined;
    if (fault) problems.push(`${label}: ${fault} (${res.status}) ${res.text.slice(0, 200)}`);
  };

  const fuzz = async (token: string | undefined) => {
    const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const send = async (label: string, request: RawRequest) =>
      check(
        `${token ? 'admin' : 'anonymous'} ${label}`,
        await client.send({ ...request, headers: { ...auth, ...request.headers } }),
      );

    for (const [turn, { method, path, operation }] of operations().entries()) {
      const name = `${method} ${path}`;
      const params = operation.parameters ?? [];

      for (const param of params.filter((p) => p.in === 'path')) {
        const values = [
          ['NUL', `a${NUL}b`],
          ['bad percent-encoding', '%E0%A4%A'],
          // Signed out, the guard answers before a parameter is parsed: only what the edge refuses is worth sending.
          ...(token
            ? [
                ['not a uuid', 'not-a-uuid'],
                ['huge', HUGE],
              ]
            : []),
        ];
        for (const [what, value] of values) {
          await send(`${name} path ${param.name} ${what}`, {
            method,
            path: fillPath(`/${path.replace(/^\//, '')}`, { name: param.name, value }),
          });
        }
      }

      const base = fillPath(path);
      // Anything the query says goes through the same rule, declared or not.
      await send(`${name} undeclared query NUL`, { method, path: `${base}?zz=a${NUL}` });
      if (token) {
        // Signed out, the guard answers before any query is validated.
        for (const param of params.filter((p) => p.in === 'query')) {
          const schema = resolve(param.schema);
          const constrained = schema.type !== 'string' || schema.enum || schema.format;
          for (const value of constrained ? BAD_QUERY_VALUES : [NUL]) {
            await send(`${name} query ${param.name}=${value}`, {
              method,
              path: `${base}?${param.name}=${value}`,
            });
          }
        }
      }

      const content = operation.requestBody?.content ?? {};
      // Signed out, the rotation starts elsewhere so each route meets other variants.
      const bodies = edgeBodies(token ? turn : turn + 3);
      // Signed out, the guard answers before any route looks at its body; public routes ignore the token.
      if (token && content['application/json'])
        bodies.push(...schemaBodies(resolve(content['application/json'].schema)));
      if (token && content['multipart/form-data']) bodies.push(...multipartBodies());
      for (const [what, request] of bodies) {
        await send(`${name} body ${what}`, { method, path: base, ...request });
      }
    }
  };

  it('answers every malformed request to every operation with a 4xx in the error shape', async () => {
    const count = operations().length;
    expect(count).toBeGreaterThan(50);
    await fuzz(admin);
    await fuzz(undefined);
    expect(problems).toEqual([]);
    // Bounded: a few thousand requests at most, so the test stays fast.
    expect(requests).toBeGreaterThan(count * 10);
    expect(requests).toBeLessThan(4000);
    const health = await client.send({ method: 'GET', path: '/api/health' });
    expect(health.status).toBe(200);
    // The administrator is still who they were: no prototype key changed anything.
    const me = await api.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(me.body.role).toBe('national_admin');
  });
});
