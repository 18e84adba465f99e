import { describeWithTools } from '@vigie/testing';
import { parseNetworks } from '@vigie/net-guard';
import type { CheckFinding } from '../finding';
import { checkHttp, CORS_PROBE_ORIGIN } from './http.check';
import { HttpCheckError } from './http-check-error';
import { createTestPki, type TestPki } from './test-support/certificates';
import { type PageSpec, startPage } from './test-support/pages';
import { closedPort, type Site, startSite } from './test-support/site';

const { block: allowed } = parseNetworks('127.0.0.0/8');

const byCheck = (findings: CheckFinding[]) => Object.fromEntries(findings.map((f) => [f.checkId, f]));

describe('HTTP check against real servers on 127.0.0.1', () => {
  const sites: Site[] = [];
  afterAll(async () => {
    await Promise.all(sites.map((site) => site.close()));
  });
  const serve = async (spec: PageSpec, pki?: TestPki) => {
    const site = await startPage(spec, pki);
    sites.push(site);
    return site;
  };
  const scan = (site: Site, extra: Parameters<typeof checkHttp>[1] = {}) =>
    checkHttp('127.0.0.1', {
      allowed,
      httpPort: site.port,
      httpsPort: site.port,
      label: 'portail.ch-exemple.fr',
      ...extra,
    });

  it('reports a bare plain-http site in French, one finding per check', async () => {
    const site = await serve({
      headers: {
        Server: 'Apache/2.4.57 (Debian)',
        'X-Powered-By': 'PHP/8.2.7',
        'Set-Cookie': ['SESSIONID=abc; Path=/', 'lang=fr'],
        'Access-Control-Allow-Origin': '*',
      },
    });
    const result = await scan(site);
    const findings = byCheck(result.findings);
    expect(Object.keys(findings).sort()).toEqual([
      'http.cookies',
      'http.csp',
      'http.redirect_https',
      'http.security_headers',
      'http.version_disclosure',
    ]);
    expect(result.findings.every((f) => f.target === 'portail.ch-exemple.fr')).toBe(true);
    expect(findings['http.redirect_https']).toMatchObject({
      severity: 'high',
      title: 'Redirection de HTTP vers HTTPS absente ou incomplète',
      evidence: `http://127.0.0.1:${site.port}/ répond (HTTP 200) sans rediriger vers HTTPS : les échanges avec le site peuvent passer en clair.`,
    });
    expect(findings['http.csp']).toMatchObject({ severity: 'medium' });
    expect(findings['http.csp'].evidence).toContain('aucun en-tête Content-Security-Policy');
    expect(findings['http.security_headers'].severity).toBe('medium');
    expect(findings['http.security_headers'].evidence).toContain('X-Content-Type-Options absent');
    expect(findings['http.security_headers'].evidence).toContain(
      'ni X-Frame-Options ni directive CSP frame-ancestors',
    );
    expect(findings['http.security_headers'].remediation).toContain('X-Content-Type-Options: nosniff');
    expect(findings['http.cookies'].severity).toBe('high');
    expect(findings['http.cookies'].evidence).toContain(
      '« SESSIONID » (cookie de session) sans Secure, sans HttpOnly, sans SameSite ; « lang » sans Secure',
    );
    expect(findings['http.version_disclosure']).toMatchObject({ severity: 'medium' });
    expect(findings['http.version_disclosure'].evidence).toContain(
      '« Server: Apache/2.4.57 (Debian) », « X-Powered-By: PHP/8.2.7 »',
    );
    // The CORS probe went out with an unknown Origin; `*` without credentials is public content, not a finding.
    expect(site.requests.some((r) => r.headers.origin === CORS_PROBE_ORIGIN)).toBe(true);
    expect(result.grade).toMatchObject({ score: 0, grade: 'F' });
  });

  it('says so when no page can be read', async () => {
    const port = await closedPort();
    await expect(checkHttp('127.0.0.1', { allowed, httpPort: port, httpsPort: port })).rejects.toMatchObject({
      code: 'unreachable',
      permanent: false,
    });
    const failing = await startSite((_req, res) => {
      res.writeHead(500).end('erreur');
    });
    sites.push(failing);
    const error = await checkHttp('127.0.0.1', {
      allowed,
      httpPort: failing.port,
      httpsPort: failing.port,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpCheckError);
    expect(error).toMatchObject({ code: 'unexpected_status' });
    expect((error as Error).message).toContain('answered HTTP 500');
  });

  describeWithTools(['openssl'], 'with https', () => {
    let pki: TestPki;
    beforeAll(async () => {
      pki = await createTestPki();
    });
    afterAll(async () => {
      await pki?.remove();
    });

    it('finds nothing on a well configured site, graded A+', async () => {
      const site = await serve(
        {
          httpRedirect: [{ status: 301, location: 'https://127.0.0.1:{port}/' }],
          httpsHeaders: { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' },
          headers: {
            Server: 'nginx',
            'Content-Security-Policy': "default-src 'self'; object-src 'none'; frame-ancestors 'self'",
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'strict-origin-when-cross-origin',
            'Set-Cookie': '__Host-session=1; Secure; HttpOnly; SameSite=Lax; Path=/',
          },
        },
        pki,
      );
      const result = await scan(site, { ca: pki.ca });
      expect(result.findings).toEqual([]);
      expect(result.grade).toMatchObject({ grade: 'A+', score: 120 });
      expect(result.routes).toEqual({
        http: [`http://127.0.0.1:${site.port}/`, `https://127.0.0.1:${site.port}/`],
        https: [`https://127.0.0.1:${site.port}/`],
      });
    });

    it('grades down short HSTS, unsafe CSP, weak cookies and a CORS open to any origin', async () => {
      const site = await serve(
        {
          reflectCors: true,
          httpRedirect: [{ status: 302, location: 'https://127.0.0.1:{port}/' }],
          httpsHeaders: { 'Strict-Transport-Security': 'max-age=604800' },
          headers: {
            'Content-Security-Policy':
              "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors *",
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'unsafe-url',
            'X-AspNet-Version': '4.0.30319',
            'Set-Cookie': ['ASP.NET_SessionId=x; Secure; SameSite=Lax', 'csrftoken=y; Secure'],
          },
        },
        pki,
      );
      const result = await scan(site, { ca: pki.ca });
      const findings = byCheck(result.findings);
      expect(Object.keys(findings).sort()).toEqual([
        'http.cookies',
        'http.cors',
        'http.csp',
        'http.hsts',
        'http.security_headers',
        'http.version_disclosure',
      ]);
      expect(findings['http.hsts']).toMatchObject({
        severity: 'medium',
        evidence: `https://127.0.0.1:${site.port}/ envoie Strict-Transport-Security avec max-age=604800 (7 jours), moins que les 6 mois (15552000 s) attendus.`,
      });
      expect(findings['http.csp'].severity).toBe('medium');
      expect(findings['http.csp'].evidence).toContain("script-src autorise « 'unsafe-inline' »");
      expect(findings['http.csp'].evidence).toContain("« 'unsafe-eval' » est autorisé");
      expect(findings['http.security_headers'].evidence).toContain(
        "la directive CSP frame-ancestors autorise n'importe quel site",
      );
      expect(findings['http.security_headers'].evidence).toContain('Referrer-Policy « unsafe-url »');
      expect(findings['http.cookies']).toMatchObject({ severity: 'medium' });
      expect(findings['http.cookies'].evidence).toContain(
        '« ASP.NET_SessionId » (cookie de session) sans HttpOnly',
      );
      expect(findings['http.cookies'].evidence).toContain('« csrftoken » sans SameSite');
      expect(findings['http.cors']).toMatchObject({ severity: 'high' });
      expect(findings['http.cors'].evidence).toContain(`Origin: ${CORS_PROBE_ORIGIN}`);
      expect(findings['http.version_disclosure'].evidence).toContain('« X-AspNet-Version: 4.0.30319 »');
      expect(result.grade.expectations.find((e) => e.test === 'cross-origin-resource-sharing')).toMatchObject(
        {
          result: 'cross-origin-resource-sharing-implemented-with-universal-access',
          modifier: -50,
        },
      );
    });

    it('reads the headers of a site whose certificate is not trusted, and says HSTS cannot work', async () => {
      const site = await serve({ httpsHeaders: { 'Strict-Transport-Security': 'max-age=300' } }, pki);
      const result = await scan(site);
      const hsts = byCheck(result.findings)['http.hsts'];
      expect(hsts.severity).toBe('medium');
      expect(hsts.evidence).toMatch(
        /moins d'un jour.*Le certificat présenté est invalide \([A-Z_]+\) : HSTS reste sans effet/,
      );
      expect(result.grade.expectations.find((e) => e.test === 'strict-transport-security')?.result).toBe(
        'hsts-invalid-cert',
      );
    });
  });
});
