import { describeWithTools } from '@vigie/testing';
import { channel } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { parseNetworks, type Resolver } from '@vigie/net-guard';
import { checkHttp } from './http.check';
import { HttpCheckError } from './http-check-error';
import { createTestPki, type TestPki } from './test-support/certificates';
import { type PageSpec, startPage } from './test-support/pages';
import type { Site } from './test-support/site';

/**
 * Every redirect hop goes through the network guard again: with only 127.0.0.0/8 allowed, a redirect to a
 * private or metadata address must be refused before any connection, and reported.
 */
const { block: allowed } = parseNetworks('127.0.0.0/8');

/** Records every address a client socket of this process tries to connect to. */
function watchConnectionAttempts(): { attempts: string[]; stop(): void } {
  const attempts: string[] = [];
  const sockets = channel('net.client.socket');
  const onSocket = (message: unknown) =>
    (message as { socket: Socket }).socket.on('connectionAttempt', (ip: string, port: number) =>
      attempts.push(`${ip}:${port}`),
    );
  sockets.subscribe(onSocket);
  return { attempts, stop: () => sockets.unsubscribe(onSocket) };
}

describe('HTTP check through the network guard', () => {
  const sites: Site[] = [];
  afterAll(async () => {
    await Promise.all(sites.map((site) => site.close()));
  });
  const serve = async (spec: PageSpec, pki?: TestPki) => {
    const site = await startPage(spec, pki);
    sites.push(site);
    return site;
  };

  it('refuses a redirect to a private address without connecting, and says so', async () => {
    const site = await serve({ httpRedirect: [{ status: 302, location: 'http://10.255.255.1/admin' }] });
    const watch = watchConnectionAttempts();
    const error = await checkHttp('127.0.0.1', { allowed, httpPort: site.port, httpsPort: site.port })
      .catch((e: unknown) => e)
      .finally(() => watch.stop());
    // No https here and the only http page is behind the refused hop: nothing to grade, and the reason kept.
    expect(error).toBeInstanceOf(HttpCheckError);
    expect(error).toMatchObject({
      code: 'unreachable',
      permanent: false,
      interruptions: [
        {
          url: 'http://10.255.255.1/admin',
          kind: 'refused',
          message: expect.stringMatching(
            /10\.255\.255\.1, a private \(RFC 1918\) address.*Vigie does not connect/,
          ),
        },
      ],
    });
    expect(watch.attempts.length).toBeGreaterThan(0);
    expect(watch.attempts.filter((a) => a !== `127.0.0.1:${site.port}`)).toEqual([]);
    expect(site.requests.map((r) => `${r.scheme} ${r.url}`)).toEqual(['http /']);
  });

  it('refuses the host itself when it is not allowed, as a permanent error', async () => {
    const site = await serve({});
    const watch = watchConnectionAttempts();
    const error = await checkHttp('127.0.0.1', { httpPort: site.port, httpsPort: site.port })
      .catch((e: unknown) => e)
      .finally(() => watch.stop());
    expect(error).toBeInstanceOf(HttpCheckError);
    expect(error).toMatchObject({ code: 'refused', permanent: true });
    expect((error as Error).message).toContain('a loopback address');
    expect(watch.attempts).toEqual([]);
    expect(site.requests).toEqual([]);
  });

  it('refuses a name that resolves to a private address before connecting', async () => {
    const resolver: Resolver = async () => [{ address: '10.20.30.40', family: 4 }];
    const watch = watchConnectionAttempts();
    const error = await checkHttp('intranet.vigie.test', { allowed, resolver })
      .catch((e: unknown) => e)
      .finally(() => watch.stop());
    expect(error).toMatchObject({ code: 'refused', permanent: true });
    expect((error as Error).message).toContain('intranet.vigie.test resolves to 10.20.30.40');
    expect(watch.attempts).toEqual([]);
  });

  it('follows at most maxRedirects hops', async () => {
    const site = await serve({
      httpRedirect: [1, 2, 3].map((n) => ({ status: 302, location: `http://127.0.0.1:{port}/step${n}` })),
    });
    const error = await checkHttp('127.0.0.1', {
      allowed,
      httpPort: site.port,
      httpsPort: site.port,
      maxRedirects: 2,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unreachable',
      interruptions: [
        {
          url: `http://127.0.0.1:${site.port}/step3`,
          kind: 'too_many_redirects',
          message: 'more than 2 redirects',
        },
      ],
    });
    expect(site.requests.map((r) => r.url)).toEqual(['/', '/step1', '/step2']);
  });

  describeWithTools(['openssl'], 'with https answering', () => {
    let pki: TestPki;
    beforeAll(async () => {
      pki = await createTestPki();
    });
    afterAll(async () => {
      await pki?.remove();
    });

    it('grades the https page and reports a plain-http redirect to the cloud metadata name', async () => {
      const site = await serve(
        {
          httpRedirect: [{ status: 301, location: 'http://metadata.vigie.test/latest/meta-data/' }],
          httpsHeaders: { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' },
        },
        pki,
      );
      const asked: string[] = [];
      const resolver: Resolver = async (host) => {
        asked.push(host);
        return [{ address: '169.254.169.254', family: 4 }];
      };
      const watch = watchConnectionAttempts();
      const result = await checkHttp('127.0.0.1', {
        allowed,
        resolver,
        ca: pki.ca,
        httpPort: site.port,
        httpsPort: site.port,
      }).finally(() => watch.stop());
      expect(asked).toEqual(['metadata.vigie.test']);
      expect(watch.attempts.some((a) => a.startsWith('169.254.'))).toBe(false);
      expect(result.interruptions).toEqual([
        expect.objectContaining({
          url: 'http://metadata.vigie.test/latest/meta-data/',
          kind: 'refused',
          message: expect.stringContaining('169.254.169.254, a link-local (cloud metadata) address'),
        }),
      ]);
      expect(result.routes.http).toEqual([
        `http://127.0.0.1:${site.port}/`,
        'http://metadata.vigie.test/latest/meta-data/',
      ]);
      expect(result.landingUrl).toBe(`https://127.0.0.1:${site.port}/`);
      const redirect = result.findings.find((f) => f.checkId === 'http.redirect_https');
      expect(redirect).toMatchObject({ severity: 'high', target: '127.0.0.1' });
      expect(redirect?.evidence).toContain(
        "Vigie n'a pas suivi la redirection vers http://metadata.vigie.test/latest/meta-data/",
      );
      expect(result.findings.map((f) => f.checkId)).not.toContain('http.hsts');
    });
  });
});
