import { buildClientHello, WIRE } from './client-hello';
import { sendClientHello } from './raw-probe';
import { TestPki } from './testing/pki';
import { startLegacyHelloServer, startNodeTlsServer, type RunningServer } from './testing/servers';
import { describeWithTools } from '@vigie/testing';

const AES128_SHA = 0x002f;
const RC4_SHA = 0x0005;
const DES_CBC3_SHA = 0x000a;

describeWithTools(['openssl'], 'hand-built ClientHello against real servers on 127.0.0.1', () => {
  let pki: TestPki;
  const servers: RunningServer[] = [];
  let tls12: RunningServer;
  const sniSeen: string[] = [];
  beforeAll(async () => {
    pki = new TestPki();
    const key = pki.key('leaf', 'rsa:2048');
    const cert = pki.certificate({ key, altNames: ['DNS:localhost'] });
    // Node's own OpenSSL 3 as the peer: if it answers our bytes, the builder speaks real TLS.
    tls12 = await startNodeTlsServer({
      key: pki.read(key),
      cert: cert.pem,
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'AES128-SHA:ECDHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0',
      SNICallback: (name, done) => {
        sniSeen.push(name);
        done(null);
      },
    });
    servers.push(tls12);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    pki.cleanup();
  });

  const hello = (version: number, suites: number[]) =>
    buildClientHello({ version, suites, serverName: 'portail.ch-exemple.fr' });

  it('gets a ServerHello from OpenSSL choosing the one suite it shares, and sends SNI', async () => {
    const outcome = await sendClientHello(
      '127.0.0.1',
      tls12.port,
      hello(WIRE['TLSv1.2'], [RC4_SHA, AES128_SHA]),
      2000,
    );
    expect(outcome).toEqual({ kind: 'accepted', version: WIRE['TLSv1.2'], suite: AES128_SHA });
    expect(sniSeen).toContain('portail.ch-exemple.fr');
  });

  it('gets an alert when no offered suite or version is acceptable', async () => {
    const noSuite = await sendClientHello(
      '127.0.0.1',
      tls12.port,
      hello(WIRE['TLSv1.2'], [RC4_SHA, DES_CBC3_SHA]),
      2000,
    );
    expect(noSuite).toEqual({ kind: 'refused', alert: 40 }); // handshake_failure
    const oldVersion = await sendClientHello('127.0.0.1', tls12.port, hello(WIRE.TLSv1, [AES128_SHA]), 2000);
    expect(oldVersion).toEqual({ kind: 'refused', alert: 70 }); // protocol_version
    const sslv3 = await sendClientHello('127.0.0.1', tls12.port, hello(WIRE.SSLv3, [AES128_SHA]), 2000);
    expect(sslv3.kind).toBe('refused');
  });

  it('reads RC4 and SSLv3 ServerHellos from a server that still chooses them (simulated: OpenSSL 3 cannot)', async () => {
    const legacy = await startLegacyHelloServer({
      minVersion: WIRE.SSLv3,
      maxVersion: WIRE.TLSv1,
      suites: [RC4_SHA],
    });
    servers.push(legacy);
    expect(
      await sendClientHello('127.0.0.1', legacy.port, hello(WIRE.SSLv3, [DES_CBC3_SHA, RC4_SHA]), 2000),
    ).toEqual({
      kind: 'accepted',
      version: WIRE.SSLv3,
      suite: RC4_SHA,
    });
    expect(await sendClientHello('127.0.0.1', legacy.port, hello(WIRE['TLSv1.2'], [RC4_SHA]), 2000)).toEqual({
      kind: 'accepted',
      version: WIRE.TLSv1,
      suite: RC4_SHA,
    });
  });

  it('says unknown, not refused, when nothing listens or nothing answers', async () => {
    const closed = await startLegacyHelloServer({
      minVersion: WIRE.TLSv1,
      maxVersion: WIRE.TLSv1,
      suites: [],
    });
    await closed.close();
    const refusedConnection = await sendClientHello(
      '127.0.0.1',
      closed.port,
      hello(WIRE.TLSv1, [RC4_SHA]),
      2000,
    );
    expect(refusedConnection).toEqual({ kind: 'unknown', reason: 'ECONNREFUSED' });
    const silent = await startNodeTlsServer({
      key: pki.read(pki.caKey),
      cert: pki.ca.pem,
      handshakeTimeout: 60_000,
    });
    servers.push(silent);
    // A TLS server waiting for the rest of a record we never send: only the timeout ends the probe.
    const partial = await sendClientHello(
      '127.0.0.1',
      silent.port,
      hello(WIRE.TLSv1, [RC4_SHA]).subarray(0, 20),
      200,
    );
    expect(partial).toEqual({ kind: 'unknown', reason: 'timeout' });
  });
});
