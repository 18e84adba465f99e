import type { TlsOptions } from 'node:tls';
import { WIRE } from '../../libs/scan-checks/src/tls/client-hello';
import type { TestPki } from '../../libs/scan-checks/src/tls/testing/pki';

/** How a profile is served: everything here crosses a process boundary as JSON. */
export type TlsServerSpec =
  /** `tls.createServer` in a fixture process; PEM strings only. */
  | { kind: 'node'; options: TlsOptions }
  /** Hand-built ServerHellos (SSLv3, RC4, 3DES), which no local OpenSSL 3 serves. */
  | { kind: 'legacy-hello'; minVersion: number; maxVersion: number; suites: number[] }
  /** One `openssl s_server` process per endpoint (it serves one connection at a time). */
  | { kind: 'openssl'; args: string[] };

export interface TlsProfile {
  name: string;
  spec: TlsServerSpec;
}

const RC4_SHA = 0x0005;
const DES_CBC3_SHA = 0x000a;
const ECDHE_RSA_DES_CBC3_SHA = 0xc012;

/**
 * The configurations of research notes §2.3 and the TLS tests, on a throw-away PKI: modern, TLS 1.0/1.1
 * enabled, weak DH, CBC-only without forward secrecy, weak certificates, and what only raw hellos reach.
 */
export function tlsProfiles(pki: TestPki): { node: TlsProfile[]; openssl: TlsProfile[] } {
  const names = ['DNS:localhost', 'IP:127.0.0.1'];
  const ecKey = pki.key('ec', 'ec:P-256');
  const rsaKey = pki.key('rsa', 'rsa:2048');
  const weakKey = pki.key('weak', 'rsa:1024');
  const ec = pki.certificate({ key: ecKey, altNames: names, days: 200 });
  const rsa = pki.certificate({ key: rsaKey, altNames: names, days: 200 });
  const sha1 = pki.certificate({ key: weakKey, altNames: names, digest: 'sha1', days: 200 });
  const expired = pki.certificate({
    key: rsaKey,
    altNames: names,
    startDate: '20200101000000Z',
    endDate: '20230131000000Z',
  });
  const weakExpired = pki.certificate({
    key: weakKey,
    commonName: 'wrong.example',
    altNames: ['DNS:wrong.example'],
    digest: 'sha1',
    startDate: '20200101000000Z',
    endDate: '20230131000000Z',
  });
  const dh1024 = pki.dhParams(1024);
  const pem = (path: string) => pki.read(path);
  const node = (name: string, key: string, cert: string, options: TlsOptions): TlsProfile => ({
    name,
    spec: { kind: 'node', options: { key: pem(key), cert, ...options } },
  });
  const legacy = (name: string, minVersion: number, maxVersion: number, suites: number[]): TlsProfile => ({
    name,
    spec: { kind: 'legacy-hello', minVersion, maxVersion, suites },
  });
  const openssl = (name: string, args: string[]): TlsProfile => ({ name, spec: { kind: 'openssl', args } });
  return {
    node: [
      node('modern EC', ecKey, ec.pem, {
        minVersion: 'TLSv1.2',
        ciphers: 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE+AESGCM:ECDHE+CHACHA20',
      }),
      node('modern RSA', rsaKey, rsa.pem, { minVersion: 'TLSv1.2' }),
      // TLS 1.0 needs SECLEVEL=0 on both sides with OpenSSL 3 (research notes §0).
      node('TLS 1.0-1.3', rsaKey, rsa.pem, { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
      node('DHE 1024', rsaKey, rsa.pem, {
        maxVersion: 'TLSv1.2',
        dhparam: pem(dh1024),
        ciphers: 'DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0',
      }),
      node('CBC, no FS', rsaKey, rsa.pem, {
        maxVersion: 'TLSv1.2',
        ciphers: 'AES128-SHA:AES256-SHA:AES128-SHA256:CAMELLIA128-SHA',
      }),
      // A SHA-1 signed certificate is refused by the server's own OpenSSL above SECLEVEL 0.
      node('RSA 1024, SHA-1', weakKey, sha1.pem, { minVersion: 'TLSv1.2', ciphers: 'DEFAULT:@SECLEVEL=0' }),
      node('expired', rsaKey, expired.pem, { minVersion: 'TLSv1.2' }),
      legacy('SSLv3, RC4, 3DES', WIRE.SSLv3, WIRE.TLSv1, [RC4_SHA, DES_CBC3_SHA]),
      legacy('TLS 1.2, 3DES', WIRE.TLSv1, WIRE['TLSv1.2'], [ECDHE_RSA_DES_CBC3_SHA, DES_CBC3_SHA]),
    ],
    openssl: [
      openssl('s_server TLS 1.0+', [
        ...['-cert', rsa.path, '-key', rsaKey, '-min_protocol', 'TLSv1'],
        ...['-cipher', 'DEFAULT:@SECLEVEL=0'],
      ]),
      openssl('s_server ALL:eNULL', [
        ...['-cert', rsa.path, '-key', rsaKey, '-min_protocol', 'TLSv1'],
        ...['-cipher', 'ALL:eNULL:@SECLEVEL=0'],
      ]),
      openssl('s_server weak', [
        ...['-cert', weakExpired.path, '-key', weakKey, '-tls1_2', '-dhparam', dh1024],
        ...['-cipher', 'DHE-RSA-AES128-GCM-SHA256:AES128-SHA:@SECLEVEL=0'],
      ]),
    ],
  };
}
