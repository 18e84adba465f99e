import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Tests that serve https need the openssl command (Debian package `openssl`) to make their certificates. */
export interface TestPki {
  dir: string;
  /** PEM of the test CA, and the file holding it (for NODE_EXTRA_CA_CERTS). */
  ca: string;
  caPath: string;
  /** A server certificate signed by the CA for 127.0.0.1, localhost and *.vigie.test. */
  key: string;
  cert: string;
  remove(): Promise<void>;
}

/** A throw-away CA and server certificate, valid two days, in a temporary folder removed by `remove()`. */
export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-http-pki-'));
  const file = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Vigie test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req',
    ...ec,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await writeFile(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:*.vigie.test\nextendedKeyUsage=serverAuth\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  ]);
  const [ca, key, cert] = await Promise.all(
    ['ca.pem', 'server.key', 'server.pem'].map((n) => readFile(file(n), 'utf8')),
  );
  return {
    dir,
    ca,
    caPath: file('ca.pem'),
    key,
    cert,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
