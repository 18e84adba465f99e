import { CspSyntaxError, parseCsp, parseCspMeta } from './csp-parser';

const asObject = (directives: Map<string, Set<string>>) =>
  Object.fromEntries([...directives].map(([d, s]) => [d, [...s]]));

describe('CSP parser (the Observatory way of reading policies)', () => {
  it('reads directives case-insensitively, lower-cases sources and reads an empty source list as none', () => {
    const { directives } = parseCsp([
      "Default-Src 'SELF' https://CDN.example.org; img-src; upgrade-insecure-requests",
    ]);
    expect(asObject(directives)).toEqual({
      'default-src': ["'self'", 'https://cdn.example.org'],
      'img-src': ["'none'"],
      'upgrade-insecure-requests': ["'none'"],
    });
  });

  it('rejects a directive given twice, tolerates a repeated report-uri and says so', () => {
    expect(() => parseCsp(["default-src 'self'; default-src 'none'"])).toThrow(CspSyntaxError);
    expect(() => parseCsp(['abc'])).toThrow('policy too short');
    expect(parseCsp(["default-src 'none'; report-uri /a; report-uri /b"]).duplicateReportDirectives).toBe(
      true,
    );
  });

  it('keeps what every policy allows when there are several', () => {
    const { directives } = parseCsp([
      "default-src 'self'; script-src 'self' https://cdn.example.org/js/",
      'script-src https://cdn.example.org/js/app.js; img-src *',
    ]);
    expect(asObject(directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ['https://cdn.example.org/js/app.js'],
      'img-src': ["'none'"],
    });
  });

  it('drops from <meta> the directives only a header may carry', () => {
    const { directives } = parseCspMeta([
      "default-src 'self'; frame-ancestors 'none'; report-uri /r; sandbox",
    ]);
    expect([...directives.keys()]).toEqual(['default-src']);
  });
});
