import type { CheckFinding } from '../finding';
import { TestPki } from './testing/pki';
import { startOpensslServer, type RunningServer } from './testing/servers';
import { sslscan } from './testing/sslscan';
import { describeWithTools } from '@vigie/testing';
import { checkTls } from './tls.check';
import type { TlsReport } from './tls-report';

function found(report: TlsReport): Record<string, CheckFinding[]> {
  const grouped: Record<string, CheckFinding[]> = {};
  for (const finding of report.findings) (grouped[finding.checkId] ??= []).push(finding);
  return grouped;
}

/** The profiles of scans.md §2.3, served by `openssl s_server` on ports the kernel picks. */
describeWithTools(['openssl'], 'TLS check against openssl s_server on 127.0.0.1', () => {
  let pki: TestPki;
  let permissive: RunningServer;
  let weak: RunningServer;
  const reports: Partial<Record<'permissive' | 'weak', TlsReport>> = {};

  beforeAll(async () => {
    pki = new TestPki();
    const goodKey = pki.key('good', 'rsa:2048');
    const good = pki.certificate({ key: goodKey, altNames: ['DNS:localhost', 'IP:127.0.0.1'] });
    const weakKey = pki.key('weak', 'rsa:1024');
    const weakCert = pki.certificate({
      key: weakKey,
      commonName: 'wrong.example',
      altNames: ['DNS:wrong.example'],
      digest: 'sha1',
      startDate: '20200101000000Z',
      endDate: '20230131000000Z',
    });
    const dh1024 = pki.dhParams(1024);
    [permissive, weak] = await Promise.all([
      startOpensslServer([
        '-cert',
        good.path,
        '-key',
        goodKey,
        '-min_protocol',
        'TLSv1',
        '-cipher',
        'ALL:eNULL:@SECLEVEL=0',
      ]),
      startOpensslServer([
        '-cert',
        weakCert.path,
        '-key',
        weakKey,
        '-tls1_2',
        '-dhparam',
        dh1024,
        '-cipher',
        'DHE-RSA-AES128-GCM-SHA256:AES128-SHA:@SECLEVEL=0',
      ]),
    ]);
    // s_server serves one connection at a time: one check per server, run side by side.
    [reports.permissive, reports.weak] = await Promise.all([
      checkTls({ address: '127.0.0.1', port: permissive.port, serverName: 'localhost' }, { ca: pki.ca.pem }),
      checkTls({ address: '127.0.0.1', port: weak.port, serverName: 'localhost' }, { ca: pki.ca.pem }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([permissive?.close(), weak?.close()]);
    pki.cleanup();
  });

  it('finds TLS 1.0/1.1, NULL and anonymous suites on the permissive profile and grades it F', () => {
    const report = reports.permissive!;
    expect(report.protocols).toEqual({
      SSLv3: 'refused',
      TLSv1: 'accepted',
      'TLSv1.1': 'accepted',
      'TLSv1.2': 'accepted',
      'TLSv1.3': 'accepted',
    });
    const findings = found(report);
    expect(findings['tls.protocol.legacy'].map((f) => [f.key, f.severity])).toEqual([
      ['TLSv1', 'medium'],
      ['TLSv1.1', 'medium'],
    ]);
    expect(findings['tls.cipher.weak'].map((f) => [f.key, f.severity])).toEqual([
      ['NULL', 'critical'],
      ['anonymous', 'critical'],
    ]);
    expect(findings['tls.cipher.weak'][0].evidence).toContain('NULL-SHA (TLS 1.2)');
    expect(findings['tls.forward_secrecy']).toEqual([
      expect.objectContaining({ key: 'some-suites', severity: 'low' }),
    ]);
    expect(findings['tls.dh.weak']).toBeUndefined(); // DHE-RSA uses OpenSSL's 2048-bit default group
    expect(report.certificate).toMatchObject({
      trusted: true,
      hostnameMatches: true,
      key: { type: 'rsa', bits: 2048 },
    });
    expect(report).toMatchObject({ grade: 'F', gradeIgnoringTrust: 'F', complete: true });
  });

  it('finds DH 1024, an RSA 1024 key, a SHA-1 signature, an expired date and a wrong name on the weak profile', () => {
    const report = reports.weak!;
    const findings = found(report);
    expect(Object.keys(findings).sort()).toEqual([
      'tls.certificate.expired',
      'tls.certificate.hostname',
      'tls.certificate.weak_key',
      'tls.certificate.weak_signature',
      'tls.dh.weak',
      'tls.forward_secrecy',
    ]);
    expect(findings['tls.dh.weak'][0]).toMatchObject({ severity: 'medium' });
    expect(findings['tls.dh.weak'][0].evidence).toContain('1024 bits');
    expect(findings['tls.certificate.weak_key'][0].evidence).toContain('RSA de 1024 bits');
    expect(findings['tls.certificate.weak_signature'][0]).toMatchObject({ severity: 'high' });
    expect(findings['tls.certificate.weak_signature'][0].evidence).toContain('sha1WithRSAEncryption');
    expect(findings['tls.certificate.expired'][0]).toMatchObject({
      title: 'Certificat expiré',
      severity: 'critical',
    });
    expect(findings['tls.certificate.expired'][0].evidence).toContain('31 janvier 2023');
    // OpenSSL only says CERT_HAS_EXPIRED; the chain itself still reaches the test CA.
    expect(report.certificate).toMatchObject({ trusted: true, validity: 'expired', signatureHash: 'sha1' });
    expect(report).toMatchObject({ grade: 'T', gradeIgnoringTrust: 'B' });
  });

  it('tells an untrusted chain from an expired one when OpenSSL reports only the date', async () => {
    const report = await checkTls({ address: '127.0.0.1', port: weak.port, serverName: 'localhost' });
    expect(report.certificate).toMatchObject({
      trusted: false,
      trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    });
    expect(found(report)['tls.certificate.untrusted']).toHaveLength(1);
  });

  describeWithTools(['sslscan'], 'differential against sslscan --xml', () => {
    it.each(['permissive', 'weak'] as const)(
      'accepts the same protocols, suites and DH sizes as sslscan (%s)',
      async (name) => {
        const report = reports[name]!;
        const server = name === 'permissive' ? permissive : weak;
        const reference = await sslscan(server.port, 'localhost');
        const accepted = Object.entries(report.protocols)
          .filter(([, status]) => status === 'accepted')
          .map(([protocol]) => protocol);
        expect(accepted.sort()).toEqual([...reference.protocols].sort());
        expect(report.suites.map((s) => `${s.protocol} ${s.name}`).sort()).toEqual(
          [...reference.suites].sort(),
        );
        const ourDh = Object.fromEntries(
          report.suites
            .filter((s) => s.ephemeralKey?.type === 'DH')
            .map((s) => [`${s.protocol} ${s.name}`, s.ephemeralKey!.size]),
        );
        expect(ourDh).toEqual(reference.dhBits);
      },
    );
  });
});
