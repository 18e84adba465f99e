import type { TlsFacts } from './analysis';
import { suiteTraits } from './cipher-suites';
import { gradeTls, tlsScore } from './grade';
import type { AcceptedSuite, CertificateSummary, EphemeralKey, TlsProtocol } from './tls-report';

const NOW = new Date('2026-06-01T00:00:00Z');
const X25519: EphemeralKey = { type: 'ECDH', name: 'X25519', size: 253 };

function suite(protocol: TlsProtocol, name: string, ephemeralKey: EphemeralKey | null = null): AcceptedSuite {
  return { protocol, name, ...suiteTraits(name), ephemeralKey, via: 'node' };
}

const CERTIFICATE: CertificateSummary = {
  subject: 'CN=portail.ch-exemple.fr',
  issuer: 'CN=Autorité de test',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  signatureAlgorithm: 'sha256WithRSAEncryption',
  signatureHash: 'sha256',
  selfIssued: false,
  subjectAltNames: ['DNS:portail.ch-exemple.fr'],
  serialNumber: '01',
  fingerprintSha256: 'AA',
  daysLeft: 214,
  validity: 'valid',
  key: { type: 'rsa', bits: 2048 },
  trusted: true,
  trustError: null,
  hostnameMatches: true,
  chain: [],
};

/** A well-configured endpoint: TLS 1.2 and 1.3, ECDHE with AES-GCM and ChaCha20 only, a trusted RSA 2048 key. */
function modern(): TlsFacts {
  return {
    protocols: {
      SSLv3: 'refused',
      TLSv1: 'refused',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'accepted',
      'TLSv1.3': 'accepted',
    },
    suites: [
      suite('TLSv1.3', 'TLS_AES_256_GCM_SHA384', X25519),
      suite('TLSv1.3', 'TLS_AES_128_GCM_SHA256', X25519),
      suite('TLSv1.2', 'ECDHE-RSA-AES256-GCM-SHA384', X25519),
      suite('TLSv1.2', 'ECDHE-RSA-CHACHA20-POLY1305', X25519),
      suite('TLSv1.2', 'ECDHE-RSA-AES128-GCM-SHA256', X25519),
    ],
    modernClient: { protocol: 'TLSv1.3', suite: 'TLS_AES_256_GCM_SHA384', forwardSecrecy: true },
    certificate: { ...CERTIFICATE },
  };
}

function grade(facts: TlsFacts) {
  return gradeTls(facts, NOW);
}

describe('TLS grade', () => {
  it('gives A+ to a modern endpoint and computes the SSL Labs score (100/90/90 → 93)', () => {
    expect(tlsScore(modern())).toBe(93);
    expect(grade(modern())).toEqual({ grade: 'A+', gradeIgnoringTrust: 'A+', score: 93, caps: [] });
  });

  it('caps at A- without TLS 1.3 and without AEAD suites', () => {
    const noTls13 = modern();
    noTls13.protocols['TLSv1.3'] = 'refused';
    noTls13.suites = noTls13.suites.filter((s) => s.protocol !== 'TLSv1.3');
    expect(grade(noTls13)?.grade).toBe('A-');

    const cbcOnly = modern();
    cbcOnly.protocols['TLSv1.3'] = 'refused';
    cbcOnly.suites = [suite('TLSv1.2', 'ECDHE-RSA-AES128-SHA256', X25519)];
    const graded = grade(cbcOnly)!;
    expect(graded.grade).toBe('A-');
    expect(graded.caps.map((c) => c.checkId)).toContain('tls.cipher.no_aead');
  });

  it('caps at B for TLS 1.0, static RSA for modern clients, DH 1024 or an RSA 1024 key', () => {
    const tls10 = modern();
    tls10.protocols.TLSv1 = 'accepted';
    tls10.suites.push(suite('TLSv1', 'ECDHE-RSA-AES128-SHA', X25519));
    expect(grade(tls10)?.grade).toBe('B');

    const staticRsa = modern();
    staticRsa.modernClient = { protocol: 'TLSv1.2', suite: 'AES128-GCM-SHA256', forwardSecrecy: false };
    expect(grade(staticRsa)?.caps).toContainEqual(
      expect.objectContaining({ grade: 'B', checkId: 'tls.forward_secrecy' }),
    );

    const dh1024 = modern();
    dh1024.suites.push(suite('TLSv1.2', 'DHE-RSA-AES128-GCM-SHA256', { type: 'DH', size: 1024 }));
    expect(grade(dh1024)).toMatchObject({
      grade: 'B',
      caps: [expect.objectContaining({ checkId: 'tls.dh.weak' })],
    });

    const weakKey = modern();
    weakKey.certificate = { ...CERTIFICATE, key: { type: 'rsa', bits: 1024 } };
    expect(grade(weakKey)?.grade).toBe('B');
  });

  it('caps at C for SSLv3, RC4 or 3DES or no TLS 1.2, and at F for NULL, anonymous or export suites', () => {
    const rc4 = modern();
    rc4.suites.push({ ...suite('TLSv1.2', 'RC4-SHA'), via: 'raw' });
    expect(grade(rc4)?.grade).toBe('C');

    const sslv3 = modern();
    sslv3.protocols.SSLv3 = 'accepted';
    sslv3.suites.push({ ...suite('SSLv3', 'AES128-SHA'), via: 'raw' });
    expect(grade(sslv3)?.grade).toBe('C');

    const legacyOnly = modern();
    legacyOnly.protocols = {
      SSLv3: 'refused',
      TLSv1: 'accepted',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'refused',
      'TLSv1.3': 'refused',
    };
    legacyOnly.suites = [suite('TLSv1', 'ECDHE-RSA-AES256-SHA', X25519)];
    legacyOnly.modernClient = null;
    expect(grade(legacyOnly)?.grade).toBe('C');

    for (const name of ['NULL-SHA', 'ADH-AES128-SHA', 'EXP-RC4-MD5']) {
      const weak = modern();
      weak.suites.push(suite('TLSv1.2', name));
      expect(grade(weak)?.grade).toBe('F');
    }
  });

  it('shows T for trust problems and M for a name mismatch, keeping the configuration grade aside', () => {
    const untrusted = modern();
    untrusted.certificate = { ...CERTIFICATE, trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' };
    expect(grade(untrusted)).toMatchObject({ grade: 'T', gradeIgnoringTrust: 'A+' });

    const expired = modern();
    expired.certificate = { ...CERTIFICATE, validity: 'expired' };
    expect(grade(expired)?.grade).toBe('T');

    const sha1Intermediate = modern();
    sha1Intermediate.certificate = {
      ...CERTIFICATE,
      chain: [
        {
          ...CERTIFICATE,
          subject: 'CN=Intermédiaire',
          signatureAlgorithm: 'sha1WithRSAEncryption',
          signatureHash: 'sha1',
        },
      ],
    };
    expect(grade(sha1Intermediate)?.grade).toBe('T');

    const sha1Root = modern();
    sha1Root.certificate = {
      ...CERTIFICATE,
      chain: [{ ...CERTIFICATE, signatureHash: 'sha1', selfIssued: true }],
    };
    expect(grade(sha1Root)?.grade).toBe('A+');

    const mismatch = modern();
    mismatch.certificate = { ...CERTIFICATE, hostnameMatches: false };
    mismatch.protocols.TLSv1 = 'accepted';
    expect(grade(mismatch)).toMatchObject({ grade: 'M', gradeIgnoringTrust: 'B' });
  });

  it('has no grade without any accepted suite', () => {
    const none = modern();
    none.suites = [];
    none.protocols = {
      SSLv3: 'refused',
      TLSv1: 'refused',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'refused',
      'TLSv1.3': 'refused',
    };
    expect(grade(none)).toBeNull();
  });
});
