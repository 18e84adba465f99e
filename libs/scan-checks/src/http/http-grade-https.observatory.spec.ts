import { describeWithTools } from '@vigie/testing';
import { createTestPki, type TestPki } from './test-support/certificates';
import {
  both,
  expectSameGrade,
  SECURE_COOKIE,
  sideBySide,
  SRI_SCRIPT,
  STRICT_CSP,
} from './test-support/compare';
import { type PageSpec, startPage } from './test-support/pages';
import type { Site } from './test-support/site';

/**
 * Differential test, https part: Vigie and the reference @mdn/mdn-http-observatory 1.4.8 on the same local
 * sites, plain http and https on one port with a certificate from a throw-away CA.
 */
describeWithTools(
  ['openssl'],
  'HTTPS grade against the MDN HTTP Observatory 1.4.8 on the same servers',
  () => {
    const sites: Site[] = [];
    const serve = async (spec: PageSpec, pki?: TestPki) => {
      const site = await startPage(spec, pki);
      sites.push(site);
      return site;
    };
    let pki: TestPki;
    beforeAll(async () => {
      pki = await createTestPki();
    });
    afterAll(async () => {
      await Promise.all(sites.map((site) => site.close()));
      await pki?.remove();
    });

    const goodSite: PageSpec = {
      httpRedirect: [{ status: 301, location: 'https://127.0.0.1:{port}/' }],
      httpsHeaders: { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' },
      headers: {
        'Content-Security-Policy': STRICT_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Set-Cookie': SECURE_COOKIE,
      },
      html: `<!doctype html><html><head>${SRI_SCRIPT}</head><body>Portail</body></html>`,
    };

    it('grades a well configured site the same, bonuses included: A+', async () => {
      const site = await serve(goodSite, pki);
      const run = await both(site, pki);
      expectSameGrade(run);
      expect(run.ours.grade).toMatchObject({ grade: 'A+', score: 140, uncurvedScore: 100 });
      expect(run.ours.landingUrl).toBe(`https://127.0.0.1:${site.port}/`);
      // Deliberate difference: COOP and COEP are reported (not scored); 1.4.8 has no such tests.
      expect(Object.keys(run.reference.tests)).not.toContain('cross-origin-opener-policy');
      expect(run.ours.grade.expectations.filter((e) => !e.scored)).toEqual([
        {
          test: 'cross-origin-opener-policy',
          result: 'coop-implemented-with-same-origin',
          pass: true,
          modifier: 0,
          scored: false,
        },
        {
          test: 'cross-origin-embedder-policy',
          result: 'coep-implemented-with-require-corp',
          pass: true,
          modifier: 0,
          scored: false,
        },
      ]);
    });

    it('grades weak transport, unsafe-eval, cookies and unprotected external scripts the same', async () => {
      const site = await serve(
        {
          httpRedirect: [
            { status: 302, location: 'http://127.0.0.1:{port}/step1' },
            { status: 301, location: 'https://127.0.0.1:{port}/' },
          ],
          httpsHeaders: { 'Strict-Transport-Security': 'max-age=86400' },
          headers: {
            'Content-Security-Policy': "script-src 'self' 'unsafe-eval'; object-src 'none'",
            'X-Frame-Options': 'SAMEORIGIN',
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'no-referrer-when-downgrade',
            'Set-Cookie': 'sessionid=1; Secure; SameSite=Lax',
          },
          html: '<html><head><script src="https://cdn.example.org/a.js"></script></head></html>',
        },
        pki,
      );
      const run = await both(site, pki);
      expectSameGrade(run);
      expect(sideBySide(run).mine).toMatchObject({
        redirection: { result: 'redirection-not-to-https-on-initial-redirection' },
        'strict-transport-security': { result: 'hsts-implemented-max-age-less-than-six-months' },
        'content-security-policy': { result: 'csp-implemented-with-unsafe-eval' },
        cookies: { result: 'cookies-session-without-httponly-flag' },
        'subresource-integrity': { result: 'sri-not-implemented-but-external-scripts-loaded-securely' },
      });
    });

    it('grades a certificate from an unknown CA the same: HSTS and redirection fail', async () => {
      const site = await serve(goodSite, pki);
      const run = await both(site, pki, false);
      expectSameGrade(run);
      expect(sideBySide(run).mine).toMatchObject({
        redirection: { result: 'redirection-invalid-cert' },
        'strict-transport-security': { result: 'hsts-invalid-cert' },
      });
    });

    it('differs on purpose on a max-age that is not a number, which 1.4.8 lets pass', async () => {
      const site = await serve(
        { ...goodSite, httpsHeaders: { 'Strict-Transport-Security': 'max-age=forever' } },
        pki,
      );
      const run = await both(site, pki);
      const { mine, theirs } = sideBySide(run);
      expect(theirs['strict-transport-security'].result).toBe('hsts-implemented-max-age-at-least-six-months');
      expect(mine['strict-transport-security'].result).toBe('hsts-header-invalid');
      // The cookie test reads the HSTS verdict, so it changes as well: Secure cookies keep the same result.
      delete mine['strict-transport-security'];
      delete theirs['strict-transport-security'];
      expect(mine).toEqual(theirs);
    });
  },
);
