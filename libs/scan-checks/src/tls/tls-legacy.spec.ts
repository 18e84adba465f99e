import { WIRE } from './client-hello';
import { startLegacyHelloServer, type RunningServer } from './testing/servers';
import { checkTls } from './tls.check';

const RC4_SHA = 0x0005;
const DES_CBC3_SHA = 0x000a;
const EXP_RC4_MD5 = 0x0003;

/**
 * Debian's OpenSSL 3 can serve neither SSLv3 nor RC4, 3DES or export suites (scans.md §2.3), so these servers
 * are simulated: a TCP server answering each ClientHello with a hand-built ServerHello. Node's own handshakes
 * fail against them, as against a real legacy appliance whose suites Node cannot offer.
 */
describe('TLS check against simulated legacy servers (SSLv3, RC4, 3DES, EXPORT)', () => {
  const servers: RunningServer[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  it('finds SSLv3, TLS 1.0 with RC4 and 3DES, and grades the endpoint C', async () => {
    const server = await startLegacyHelloServer({
      minVersion: WIRE.SSLv3,
      maxVersion: WIRE.TLSv1,
      suites: [RC4_SHA, DES_CBC3_SHA],
    });
    servers.push(server);
    const report = await checkTls({
      address: '127.0.0.1',
      port: server.port,
      serverName: 'pacs.ch-exemple.fr',
    });
    expect(report.protocols).toEqual({
      SSLv3: 'accepted',
      TLSv1: 'accepted',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'refused',
      'TLSv1.3': 'refused',
    });
    expect(report.suites.map((s) => [s.protocol, s.name, s.via])).toEqual([
      ['TLSv1', 'RC4-SHA', 'raw'],
      ['TLSv1', 'DES-CBC3-SHA', 'raw'],
      ['SSLv3', 'RC4-SHA', 'raw'],
    ]);
    expect(report.findings.map((f) => [f.checkId, f.key, f.severity])).toEqual([
      ['tls.protocol.legacy', 'SSLv3', 'critical'],
      ['tls.protocol.legacy', 'TLSv1', 'high'],
      ['tls.cipher.weak', 'RC4', 'high'],
      ['tls.cipher.weak', '3DES', 'high'],
      ['tls.cipher.no_aead', undefined, 'low'],
      ['tls.forward_secrecy', 'modern-clients', 'medium'],
    ]);
    const rc4 = report.findings.find((f) => f.key === 'RC4')!;
    expect(rc4.evidence).toBe(
      `Le service TLS pacs.ch-exemple.fr (127.0.0.1:${server.port}) accepte : RC4-SHA (TLS 1.0), RC4-SHA (SSLv3).`,
    );
    expect(report.certificate).toBeNull();
    expect(report).toMatchObject({ grade: 'C', modernClient: null, complete: true });
  });

  it('finds TLS 1.0 and 1.1 on a TLS 1.2 server that only speaks them with 3DES', async () => {
    const server = await startLegacyHelloServer({
      minVersion: WIRE.TLSv1,
      maxVersion: WIRE['TLSv1.2'],
      suites: [DES_CBC3_SHA],
    });
    servers.push(server);
    const report = await checkTls({ address: '127.0.0.1', port: server.port });
    expect(report.protocols).toMatchObject({
      TLSv1: 'accepted',
      'TLSv1.1': 'accepted',
      'TLSv1.2': 'accepted',
    });
    expect(report.suites.map((s) => `${s.protocol} ${s.name}`)).toEqual([
      'TLSv1.2 DES-CBC3-SHA',
      'TLSv1.1 DES-CBC3-SHA',
      'TLSv1 DES-CBC3-SHA',
    ]);
    expect(
      report.findings.filter((f) => f.checkId === 'tls.protocol.legacy').map((f) => [f.key, f.severity]),
    ).toEqual([
      ['TLSv1', 'medium'],
      ['TLSv1.1', 'medium'],
    ]);
  });

  it('grades F when a TLS 1.2 server picks an export suite', async () => {
    const server = await startLegacyHelloServer({
      minVersion: WIRE.TLSv1,
      maxVersion: WIRE['TLSv1.2'],
      suites: [EXP_RC4_MD5],
    });
    servers.push(server);
    const report = await checkTls({ address: '127.0.0.1', port: server.port });
    expect(report.protocols['TLSv1.2']).toBe('accepted');
    expect(report.findings.find((f) => f.checkId === 'tls.cipher.weak')).toMatchObject({
      key: 'EXPORT',
      severity: 'high',
      title: 'Suites « export » acceptées',
      target: `127.0.0.1:${server.port}`,
    });
    expect(report.grade).toBe('F');
  });
});
