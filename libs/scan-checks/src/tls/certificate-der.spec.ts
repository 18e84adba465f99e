import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { parseCertificateDer } from './certificate-der';
import { DerError, decodeOid } from './der';
import { TestPki, type IssueOptions } from './testing/pki';
import { describeWithTools } from '@vigie/testing';

/** What openssl itself prints for the certificate: the reference our DER reading must agree with. */
function opensslView(path: string): { signature: string; notBefore: Date; notAfter: Date } {
  const text = execFileSync('openssl', ['x509', '-in', path, '-noout', '-text', '-dates'], {
    encoding: 'utf8',
  });
  return {
    signature: /Signature Algorithm: (\S+)/.exec(text)![1],
    notBefore: new Date(/notBefore=(.+)/.exec(text)![1]),
    notAfter: new Date(/notAfter=(.+)/.exec(text)![1]),
  };
}

describeWithTools(['openssl'], 'certificate DER reading against certificates made by openssl', () => {
  let pki: TestPki;
  let rsa: string;
  let ec: string;
  let ed: string;
  beforeAll(() => {
    pki = new TestPki();
    rsa = pki.key('rsa', 'rsa:1024');
    ec = pki.key('ec', 'ec:P-256');
    ed = pki.key('ed', 'ed25519');
  });
  afterAll(() => pki.cleanup());

  const cases: [string, () => IssueOptions, string, string | null][] = [
    ['SHA-256 with RSA', () => ({ key: rsa, selfSigned: true }), 'sha256WithRSAEncryption', 'sha256'],
    [
      'SHA-1 with RSA',
      () => ({ key: rsa, selfSigned: true, digest: 'sha1' }),
      'sha1WithRSAEncryption',
      'sha1',
    ],
    ['MD5 with RSA', () => ({ key: rsa, selfSigned: true, digest: 'md5' }), 'md5WithRSAEncryption', 'md5'],
    [
      'ECDSA with SHA-384',
      () => ({ key: ec, selfSigned: true, digest: 'sha384' }),
      'ecdsa-with-SHA384',
      'sha384',
    ],
    ['ECDSA with SHA-1', () => ({ key: ec, selfSigned: true, digest: 'sha1' }), 'ecdsa-with-SHA1', 'sha1'],
    ['Ed25519', () => ({ key: ed, selfSigned: true, digest: 'none' }), 'ED25519', 'intrinsic'],
    [
      'RSASSA-PSS with SHA-256',
      () => ({ key: rsa, selfSigned: true, sigopts: ['rsa_padding_mode:pss'] }),
      'rsassaPss',
      'sha256',
    ],
  ];

  it.each(cases)('reads the signature algorithm of %s as openssl does', (_, options, name, hash) => {
    const certificate = pki.certificate(options());
    const parsed = parseCertificateDer(new X509Certificate(certificate.pem).raw);
    expect(parsed.signatureAlgorithm).toMatchObject({ name, hash });
    expect(parsed.signatureAlgorithm.name).toBe(opensslView(certificate.path).signature);
    expect(parsed.selfIssued).toBe(true);
  });

  it('reads UTCTime and GeneralizedTime validity dates and tells an issued certificate from a self-signed one', () => {
    const certificate = pki.certificate({
      key: rsa,
      altNames: ['DNS:localhost'],
      startDate: '20200101000000Z',
      endDate: '20510630120000Z', // after 2049: GeneralizedTime
    });
    const parsed = parseCertificateDer(new X509Certificate(certificate.pem).raw);
    const reference = opensslView(certificate.path);
    expect(parsed.notBefore.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(parsed.notAfter.toISOString()).toBe('2051-06-30T12:00:00.000Z');
    expect(parsed.notBefore).toEqual(reference.notBefore);
    expect(parsed.notAfter).toEqual(reference.notAfter);
    expect(parsed.selfIssued).toBe(false);
  });
});

describe('DER reader', () => {
  it('decodes OIDs, including multi-byte arcs', () => {
    expect(decodeOid(Buffer.from('2a864886f70d01010b', 'hex'))).toBe('1.2.840.113549.1.1.11');
    expect(decodeOid(Buffer.from('2b6570', 'hex'))).toBe('1.3.101.112');
  });

  it('refuses truncated or indefinite-length input instead of reading past it', () => {
    expect(() => parseCertificateDer(Buffer.from('3082ffff3000', 'hex'))).toThrow(DerError);
    expect(() => parseCertificateDer(Buffer.from('30800000', 'hex'))).toThrow(DerError);
    expect(() => parseCertificateDer(Buffer.from('0203010001', 'hex'))).toThrow(/Certificate/);
  });
});
