import { createServer, type AddressInfo } from 'node:net';
import type { CheckFinding } from '../finding';
import { TestPki } from './testing/pki';
import { startNodeTlsServer, type RunningServer } from './testing/servers';
import { describeWithTools } from '@vigie/testing';
import { checkTls } from './tls.check';

function byCheck(findings: CheckFinding[]): Record<string, CheckFinding[]> {
  const grouped: Record<string, CheckFinding[]> = {};
  for (const finding of findings) (grouped[finding.checkId] ??= []).push(finding);
  return grouped;
}

describeWithTools(['openssl'], 'TLS check against Node TLS servers on 127.0.0.1', () => {
  let pki: TestPki;
  const servers: RunningServer[] = [];
  let modern: RunningServer;
  let modernNotAfter: Date;
  let legacyOnly: RunningServer;
  let staticRsa: RunningServer;

  beforeAll(async () => {
    pki = new TestPki();
    const ecKey = pki.key('ec', 'ec:P-256');
    const rsaKey = pki.key('rsa', 'rsa:2048');
    const good = pki.certificate({ key: ecKey, altNames: ['DNS:localhost', 'IP:127.0.0.1'], days: 200 });
    const future = pki.certificate({
      key: rsaKey,
      altNames: ['DNS:localhost'],
      startDate: '20400101000000Z',
    });
    modernNotAfter = new Date(Date.now() + 200 * 86_400_000);
    [modern, legacyOnly, staticRsa] = await Promise.all([
      startNodeTlsServer({
        key: pki.read(ecKey),
        cert: good.pem,
        minVersion: 'TLSv1.2',
        ciphers: 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE+AESGCM:ECDHE+CHACHA20',
      }),
      // TLS 1.0 only needs SECLEVEL=0 on both sides with OpenSSL 3 (scans.md §0).
      startNodeTlsServer({
        key: pki.read(rsaKey),
        cert: future.pem,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1',
        ciphers: 'ECDHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0',
      }),
      startNodeTlsServer({
        key: pki.read(rsaKey),
        cert: pki.certificate({ key: rsaKey, altNames: ['DNS:localhost'] }).pem,
        maxVersion: 'TLSv1.2',
        ciphers: 'AES256-GCM-SHA384:AES128-GCM-SHA256',
      }),
    ]);
    servers.push(modern, legacyOnly, staticRsa);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    pki.cleanup();
  });

  it('grades a modern endpoint A+ with no finding, and describes what it accepts', async () => {
    const report = await checkTls(
      { address: '127.0.0.1', port: modern.port, serverName: 'localhost' },
      { ca: pki.ca.pem, timeoutMs: 3000 },
    );
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({
      grade: 'A+',
      gradeIgnoringTrust: 'A+',
      gradingVersion: '1.0.0',
      complete: true,
      protocols: {
        SSLv3: 'refused',
        TLSv1: 'refused',
        'TLSv1.1': 'refused',
        'TLSv1.2': 'accepted',
        'TLSv1.3': 'accepted',
      },
      modernClient: { protocol: 'TLSv1.3', forwardSecrecy: true },
    });
    expect(
      report.suites
        .filter((s) => s.protocol === 'TLSv1.3')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384']);
    expect(
      report.suites
        .filter((s) => s.protocol === 'TLSv1.2')
        .map((s) => s.name)
        .sort(),
    ).toEqual([
      'ECDHE-ECDSA-AES128-GCM-SHA256',
      'ECDHE-ECDSA-AES256-GCM-SHA384',
      'ECDHE-ECDSA-CHACHA20-POLY1305',
    ]);
    expect(report.suites.every((s) => s.forwardSecrecy && s.aead && s.ephemeralKey?.type === 'ECDH')).toBe(
      true,
    );
    expect(report.certificate).toMatchObject({
      trusted: true,
      hostnameMatches: true,
      validity: 'valid',
      key: { type: 'ec', bits: 256, curve: 'prime256v1' },
      signatureAlgorithm: 'sha256WithRSAEncryption',
      issuer: 'CN=Vigie Test CA',
    });
  });

  it('reports an unknown CA, a wrong name and a near expiry on the same endpoint', async () => {
    const target = { address: '127.0.0.1', port: modern.port, serverName: 'portail.ch-exemple.fr' };
    const [untrusted, nearExpiry] = await Promise.all([
      checkTls(target, { timeoutMs: 3000 }),
      checkTls(target, { ca: pki.ca.pem, now: new Date(modernNotAfter.getTime() - 5 * 86_400_000) }),
    ]);
    const found = byCheck(untrusted.findings);
    expect(Object.keys(found).sort()).toEqual(['tls.certificate.hostname', 'tls.certificate.untrusted']);
    expect(found['tls.certificate.untrusted'][0]).toMatchObject({
      severity: 'high',
      target: `portail.ch-exemple.fr:${modern.port}`,
      title: 'Certificat non reconnu par les navigateurs',
    });
    expect(found['tls.certificate.untrusted'][0].evidence).toContain('UNABLE_TO_');
    expect(found['tls.certificate.hostname'][0].evidence).toBe(
      'Le certificat présenté pour portail.ch-exemple.fr couvre DNS:localhost, IP Address:127.0.0.1, mais pas ce nom.',
    );
    expect(untrusted).toMatchObject({ grade: 'T', gradeIgnoringTrust: 'A+' });

    const expiring = byCheck(nearExpiry.findings)['tls.certificate.expiring'];
    expect(expiring).toHaveLength(1);
    expect(expiring[0].severity).toBe('high');
    expect(expiring[0].evidence).toMatch(/dans [45] jours\.$/);
    expect(nearExpiry.grade).toBe('M');
  });

  it('finds a TLS 1.0-only endpoint with Node (SECLEVEL=0), reads its not-yet-valid certificate, and grades it C at best', async () => {
    const report = await checkTls(
      { address: '127.0.0.1', port: legacyOnly.port, serverName: 'localhost' },
      { ca: pki.ca.pem },
    );
    expect(report.protocols).toEqual({
      SSLv3: 'refused',
      TLSv1: 'accepted',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'refused',
      'TLSv1.3': 'refused',
    });
    expect(report.modernClient).toBeNull();
    expect(report.suites.map((s) => s.name).sort()).toEqual(['AES128-SHA', 'ECDHE-RSA-AES128-SHA']);
    const found = byCheck(report.findings);
    expect(found['tls.protocol.legacy']).toEqual([
      expect.objectContaining({ key: 'TLSv1', severity: 'high', title: 'TLS 1.0 accepté' }),
    ]);
    expect(found['tls.protocol.legacy'][0].evidence).toContain('TLS 1.2 et TLS 1.3 sont refusés');
    expect(found['tls.cipher.no_aead'][0].severity).toBe('low');
    expect(found['tls.forward_secrecy'][0]).toMatchObject({ key: 'some-suites', severity: 'low' });
    // The date error hides nothing: the chain itself reaches the trusted test CA.
    expect(report.certificate).toMatchObject({ validity: 'not-yet-valid', trusted: true });
    expect(found['tls.certificate.expired'][0]).toMatchObject({
      title: 'Certificat pas encore valide',
      severity: 'critical',
    });
    expect(found['tls.certificate.expired'][0].evidence).toContain('1 janvier 2040');
    expect(found['tls.certificate.untrusted']).toBeUndefined();
    expect(report).toMatchObject({ grade: 'T', gradeIgnoringTrust: 'C' });
  });

  it('flags static RSA key exchange when that is what a modern client gets', async () => {
    const report = await checkTls(
      { address: '127.0.0.1', port: staticRsa.port, serverName: 'localhost' },
      { ca: pki.ca.pem },
    );
    expect(report.modernClient).toMatchObject({ protocol: 'TLSv1.2', forwardSecrecy: false });
    expect(byCheck(report.findings)['tls.forward_secrecy']).toEqual([
      expect.objectContaining({ key: 'modern-clients', severity: 'medium' }),
    ]);
    expect(report.gradeIgnoringTrust).toBe('B');
  });

  it('throws when nothing answers, so the runner retries instead of resolving old findings', async () => {
    const closed = await startNodeTlsServer({});
    await closed.close();
    await expect(checkTls({ address: '127.0.0.1', port: closed.port }, { timeoutMs: 1000 })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it('returns no grade and no finding for a port that does not speak TLS', async () => {
    const http = createServer((socket) => {
      socket.resume(); // read the client's close, or the server would wait for it forever
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const report = await checkTls({ address: '127.0.0.1', port: (http.address() as AddressInfo).port });
      expect(report).toMatchObject({ grade: null, findings: [], certificate: null, suites: [] });
      expect(Object.values(report.protocols).every((status) => status === 'refused')).toBe(true);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('stops when the runner aborts it', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      checkTls({ address: '127.0.0.1', port: modern.port }, { signal: controller.signal }),
    ).rejects.toThrow('TLS check aborted');
  });
});
