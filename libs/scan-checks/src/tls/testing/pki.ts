import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IssueOptions {
  /** Path of the subject key (see `key`). */
  key: string;
  commonName?: string;
  /** subjectAltName entries, e.g. `DNS:localhost`, `IP:127.0.0.1`. */
  altNames?: string[];
  /** `none` for EdDSA keys, which carry their own digest. */
  digest?: 'sha256' | 'sha384' | 'sha1' | 'md5' | 'none';
  /** Extra `-sigopt` values, e.g. `rsa_padding_mode:pss`. */
  sigopts?: string[];
  days?: number;
  /** `YYYYMMDDHHMMSSZ`: past or future validity without faking the clock. */
  startDate?: string;
  endDate?: string;
  /** Self-signed instead of issued by the test CA. */
  selfSigned?: boolean;
}

export interface IssuedCertificate {
  path: string;
  pem: string;
}

const CA_CONFIG = `[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = copy
[anything]
commonName = supplied
`;

/**
 * Command-line words: literal text split on spaces, each interpolated value kept as one word (so paths with spaces
 * survive) and arrays spread. `-subj /CN=${name}` gives two words.
 */
function words(literals: TemplateStringsArray, ...values: (string | string[])[]): string[] {
  const result: string[] = [];
  let current = '';
  literals.forEach((literal, i) => {
    const pieces = literal.split(/\s+/);
    current += pieces[0];
    for (const piece of pieces.slice(1)) {
      if (current) result.push(current);
      current = piece;
    }
    const value = values[i];
    if (Array.isArray(value)) {
      if (current) result.push(current);
      result.push(...value);
      current = '';
    } else if (value !== undefined) current += value;
  });
  if (current) result.push(current);
  return result;
}

/**
 * A throw-away PKI in a temp directory, built with the openssl CLI: a test CA, keys, certificates with past or
 * future dates (`openssl ca -startdate/-enddate`, no faketime needed), weak digests and DH parameters.
 */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'vigie-tls-'));
  readonly caKey: string;
  readonly ca: IssuedCertificate;
  private serial = 0;

  constructor() {
    writeFileSync(join(this.dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(join(this.dir, 'index.txt'), '');
    writeFileSync(join(this.dir, 'serial'), '1000\n');
    this.caKey = this.key('ca', 'rsa:2048');
    const caPath = join(this.dir, 'ca.crt');
    this.openssl(words`req -x509 -key ${this.caKey} -subj ${'/CN=Vigie Test CA'} -days 30 -out ${caPath}`);
    this.ca = { path: caPath, pem: readFileSync(caPath, 'utf8') };
  }

  /** `rsa:2048`, `rsa:1024`, `ec:P-256` or `ed25519`. */
  key(name: string, spec: string): string {
    const [algorithm, size] = spec.split(':');
    const path = join(this.dir, `${name}.key`);
    const option = algorithm === 'ec' ? `ec_paramgen_curve:${size}` : `rsa_keygen_bits:${size}`;
    const options = size ? ['-pkeyopt', option] : [];
    this.openssl(words`genpkey -algorithm ${algorithm.toUpperCase()} ${options} -out ${path}`);
    return path;
  }

  certificate(options: IssueOptions): IssuedCertificate {
    const name = `cert${++this.serial}`;
    const path = join(this.dir, `${name}.crt`);
    const subject = `/CN=${options.commonName ?? 'localhost'}`;
    const altNames = options.altNames?.length
      ? ['-addext', `subjectAltName=${options.altNames.join(',')}`]
      : [];
    const digest = options.digest ?? 'sha256';
    const sigopts = (options.sigopts ?? []).flatMap((option) => ['-sigopt', option]);
    if (options.selfSigned) {
      const digestFlag = digest === 'none' ? [] : [`-${digest}`];
      const days = `${options.days ?? 30}`;
      this.openssl(
        words`req -x509 -key ${options.key} -subj ${subject} ${altNames} ${digestFlag} ${sigopts} -days ${days} -out ${path}`,
      );
    } else {
      const csr = join(this.dir, `${name}.csr`);
      this.openssl(words`req -new -key ${options.key} -subj ${subject} ${altNames} -out ${csr}`);
      const validity = options.startDate
        ? ['-startdate', options.startDate, '-enddate', options.endDate ?? '20491231000000Z']
        : ['-days', `${options.days ?? 30}`];
      this.openssl(
        words`ca -batch -config ca.cnf -cert ${this.ca.path} -keyfile ${this.caKey} -in ${csr} -out ${path}
          -notext -md ${digest} ${sigopts} ${validity}`,
      );
    }
    return { path, pem: readFileSync(path, 'utf8') };
  }

  /** DSA-style parameters: generated in milliseconds, and a server uses them like any DH group. */
  dhParams(bits: number): string {
    const path = join(this.dir, `dh${bits}.pem`);
    this.openssl(words`dhparam -dsaparam -out ${path} ${`${bits}`}`);
    return path;
  }

  read(path: string): string {
    return readFileSync(path, 'utf8');
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  }
}
