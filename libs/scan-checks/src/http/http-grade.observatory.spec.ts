import { gradeForScore, SCORED_MODIFIERS } from './grading';
import { both, expectSameGrade, SECURE_COOKIE, sideBySide, STRICT_CSP } from './test-support/compare';
import { observatoryTables } from './test-support/observatory';
import { type PageSpec, startPage } from './test-support/pages';
import type { Site } from './test-support/site';

/**
 * Differential test: Vigie's HTTP grade against the reference @mdn/mdn-http-observatory 1.4.8, both run on the
 * same local servers, compared test by test (result, pass, modifier) and on score and grade.
 */
describe('HTTP grade against the MDN HTTP Observatory 1.4.8 on the same servers', () => {
  const sites: Site[] = [];
  const serve = async (spec: PageSpec) => {
    const site = await startPage(spec);
    sites.push(site);
    return site;
  };
  afterAll(async () => {
    await Promise.all(sites.map((site) => site.close()));
  });

  it('uses the same modifiers and grade chart', async () => {
    const { modifiers, grades } = await observatoryTables();
    const ours = Object.fromEntries(
      Object.values(SCORED_MODIFIERS).flatMap((table) => Object.entries(table)),
    );
    // html-not-parseable needs a full HTML parser: Vigie's tokenizer never gives up on a page.
    delete modifiers['html-not-parseable'];
    expect(ours).toEqual(modifiers);
    for (const [score, grade] of Object.entries(grades))
      expect([score, gradeForScore(Number(score))]).toEqual([score, grade]);
  });

  describe('plain http servers', () => {
    it('grades a bare site with a session cookie and CORS * the same: F, 0', async () => {
      const site = await serve({
        headers: {
          Server: 'Apache/2.4.57 (Debian)',
          'X-Powered-By': 'PHP/8.2.7',
          'Set-Cookie': 'SESSIONID=abc',
          'Access-Control-Allow-Origin': '*',
        },
      });
      const run = await both(site);
      expectSameGrade(run);
      expect(run.ours.grade).toMatchObject({ score: 0, grade: 'F' });
      expect(sideBySide(run).mine).toMatchObject({
        'content-security-policy': { result: 'csp-not-implemented' },
        cookies: { result: 'cookies-session-without-secure-flag' },
        'cross-origin-resource-sharing': {
          result: 'cross-origin-resource-sharing-implemented-with-public-access',
        },
        redirection: { result: 'redirection-missing' },
        'strict-transport-security': { result: 'hsts-not-implemented-no-https' },
      });
    });

    it('grades good headers over plain http the same: C+, 60, bonuses withheld below 90', async () => {
      const site = await serve({
        headers: {
          'Content-Security-Policy': STRICT_CSP,
          'X-Content-Type-Options': 'nosniff',
          'X-Frame-Options': 'DENY',
          'Referrer-Policy': 'no-referrer',
          'Set-Cookie': SECURE_COOKIE,
        },
      });
      const run = await both(site);
      expectSameGrade(run);
      expect(run.ours.grade).toMatchObject({ score: 60, grade: 'C+', uncurvedScore: 60 });
    });

    it('reads <meta> policies, scripts and cookie flags the same, and differs on purpose on reflected CORS', async () => {
      const site = await serve({
        reflectCors: true,
        headers: {
          'X-Frame-Options': 'ALLOWALL',
          'X-Content-Type-Options': 'sniff',
          'Cross-Origin-Resource-Policy': 'same-origin',
          'Set-Cookie': ['csrftoken=x; Path=/', 'lang=fr; SameSite=None', 'loginid=7; HttpOnly'],
        },
        html: `<!doctype html><html><head>
          <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-inline'">
          <meta name="referrer" content="unsafe-url">
          <script src="http://cdn.example.org/lib.js"></script><script src="/local.js"></script>
          </head><body><!-- <meta name="referrer" content="no-referrer"> --></body></html>`,
      });
      const run = await both(site);
      const { mine, theirs } = sideBySide(run);
      // 1.4.8 reads the Origin it sent from `response.request.headers`, which Node's ClientRequest does not
      // have: a reflected origin with credentials always comes out as "restricted". Vigie reports it.
      expect(theirs['cross-origin-resource-sharing'].result).toBe(
        'cross-origin-resource-sharing-implemented-with-restricted-access',
      );
      expect(mine['cross-origin-resource-sharing']).toEqual({
        result: 'cross-origin-resource-sharing-implemented-with-universal-access',
        pass: false,
        modifier: -50,
      });
      delete mine['cross-origin-resource-sharing'];
      delete theirs['cross-origin-resource-sharing'];
      expect(mine).toEqual(theirs);
      expect(mine).toMatchObject({
        'content-security-policy': { result: 'csp-implemented-with-unsafe-inline' },
        cookies: { result: 'cookies-session-without-secure-flag' },
        'referrer-policy': { result: 'referrer-policy-unsafe' },
        'subresource-integrity': { result: 'sri-not-implemented-and-external-scripts-not-loaded-securely' },
        'x-frame-options': { result: 'x-frame-options-header-invalid' },
      });
      expect(run.ours.grade).toMatchObject({ score: 0, grade: 'F' });
      expect(run.reference.scan).toMatchObject({ score: 0, grade: 'F' });
    });

    it('grades restricted CORS, an anti-CSRF cookie and a nonce-based CSP the same', async () => {
      const site = await serve({
        headers: {
          'Access-Control-Allow-Origin': 'https://portail.ch-exemple.fr',
          'Content-Security-Policy':
            "default-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic' 'unsafe-inline' https:; object-src 'none'; style-src 'self' 'unsafe-inline'",
          'X-Frame-Options': 'SAMEORIGIN',
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'origin, strict-origin',
          'Set-Cookie': ['csrftoken=x; Secure; SameSite=Strict', 'prefs=1; Secure'],
        },
        html: '<html><head><script nonce="r4nd0m">go()</script><script src="//cdn.example.org/x.js"></script></head></html>',
      });
      const run = await both(site);
      expectSameGrade(run);
      expect(sideBySide(run).mine).toMatchObject({
        'content-security-policy': { result: 'csp-implemented-with-unsafe-inline-in-style-src-only' },
        'cross-origin-resource-sharing': {
          result: 'cross-origin-resource-sharing-implemented-with-restricted-access',
        },
        cookies: { result: 'cookies-secure-with-httponly-sessions' },
        'referrer-policy': { result: 'referrer-policy-private' },
        'subresource-integrity': { result: 'sri-not-implemented-and-external-scripts-not-loaded-securely' },
      });
    });

    it.each([
      [
        'report-only',
        { 'Content-Security-Policy-Report-Only': "default-src 'self'" },
        '',
        'csp-not-implemented-but-reporting-enabled',
      ],
      [
        'a duplicated directive',
        { 'Content-Security-Policy': "default-src 'self'; default-src 'none'" },
        '',
        'csp-header-invalid',
      ],
      [
        'header and <meta> together',
        {
          'Content-Security-Policy':
            "default-src 'self'; script-src 'self' https://cdn.example.org; object-src 'none'",
        },
        `<meta http-equiv="Content-Security-Policy" content="script-src 'self'; img-src *">`,
        // script-src keeps what both allow ('self'); img-src, set by <meta> only, reads as 'none'.
        'csp-implemented-with-no-unsafe',
      ],
      [
        'duplicated report-uri',
        { 'Content-Security-Policy': "default-src 'none'; report-uri /a; report-uri /b" },
        '',
        'csp-implemented-but-duplicate-directives',
      ],
      [
        'a wildcard script source',
        { 'Content-Security-Policy': "default-src 'self'; script-src *" },
        '',
        'csp-implemented-with-unsafe-inline',
      ],
    ])('grades a CSP with %s the same', async (_name, headers, meta, expected) => {
      const site = await serve({ headers, ...(meta ? { html: `<html><head>${meta}</head></html>` } : {}) });
      const run = await both(site);
      expectSameGrade(run);
      expect(sideBySide(run).mine['content-security-policy'].result).toBe(expected);
    });

    it('differs on purpose on frame-ancestors in <meta>, which browsers ignore', async () => {
      const site = await serve({
        headers: { 'X-Content-Type-Options': 'nosniff' },
        html: `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; frame-ancestors 'none'"></head></html>`,
      });
      const run = await both(site);
      const { mine, theirs } = sideBySide(run);
      expect(theirs['x-frame-options']).toEqual({
        result: 'x-frame-options-implemented-via-csp',
        pass: true,
        modifier: 5,
      });
      expect(mine['x-frame-options']).toEqual({
        result: 'x-frame-options-not-implemented',
        pass: false,
        modifier: -20,
      });
      delete mine['x-frame-options'];
      delete theirs['x-frame-options'];
      expect(mine).toEqual(theirs);
    });
  });
});
