import {
  certificateKeyVerdict,
  forwardSecrecyForModernClients,
  hasAead,
  hasModernProtocol,
  legacyProtocols,
  outdatedIntermediates,
  suitesByWeakness,
  weakDiffieHellman,
  weakSignatures,
  TLS_POLICY,
  type TlsFacts,
} from './analysis';
import type { AcceptedSuite, CertificateSummary, GradeCap, TlsGrade, TlsProtocol } from './tls-report';

/** Stored with every report: a grade can only be compared with grades of the same version. */
export const TLS_GRADING_VERSION = '1.0.0';

const LETTERS: TlsGrade[] = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'];

const PROTOCOL_SCORE: Record<TlsProtocol, number> = {
  SSLv3: 80,
  TLSv1: 90,
  'TLSv1.1': 95,
  'TLSv1.2': 100,
  'TLSv1.3': 100,
};

/** SSL Labs' key exchange table, in RSA-equivalent bits. */
function keyScore(bits: number): number {
  if (bits <= 0) return 0;
  if (bits < 512) return 20;
  if (bits < 1024) return 40;
  if (bits < 2048) return 80;
  if (bits < 4096) return 90;
  return 100;
}

/** Elliptic-curve sizes mapped to the RSA size of equal strength (NIST SP 800-57), X25519 counted as 256. */
function rsaEquivalent(ecBits: number): number {
  if (ecBits >= 512) return 15360;
  if (ecBits >= 384) return 7680;
  if (ecBits >= 250) return 3072;
  if (ecBits >= 224) return 2048;
  return 1024;
}

function certificateStrength(certificate: CertificateSummary | null): number | null {
  if (!certificate) return null;
  const { type, bits } = certificate.key;
  return type === 'ec' || type.startsWith('ed') ? rsaEquivalent(bits) : bits;
}

function suiteKeyScore(suite: AcceptedSuite, certificate: number | null): number | null {
  if (suite.anonymous) return 0;
  if (suite.weakness === 'EXPORT') return 40;
  if (suite.ephemeralKey) {
    const { type, size } = suite.ephemeralKey;
    return keyScore(type === 'DH' ? size : rsaEquivalent(size));
  }
  // Static RSA: the certificate key protects the session keys; a raw probe measured no group at all.
  return suite.keyExchange === 'RSA' && certificate ? keyScore(certificate) : null;
}

function cipherScore(bits: number): number {
  if (bits === 0) return 0;
  if (bits < 128) return 20;
  if (bits < 256) return 80;
  return 100;
}

/** SSL Labs' numeric score: 30 % protocol support, 30 % key exchange (weakest), 40 % cipher strength. */
export function tlsScore(facts: TlsFacts): number | null {
  const accepted = (Object.keys(PROTOCOL_SCORE) as TlsProtocol[]).filter(
    (p) => facts.protocols[p] === 'accepted',
  );
  if (!accepted.length || !facts.suites.length) return null;
  const protocolScores = accepted.map((protocol) => PROTOCOL_SCORE[protocol]);
  const protocol = (Math.max(...protocolScores) + Math.min(...protocolScores)) / 2;
  const certificate = certificateStrength(facts.certificate);
  const keyScores = facts.suites
    .map((suite) => suiteKeyScore(suite, certificate))
    .filter((score): score is number => score !== null);
  if (certificate) keyScores.push(keyScore(certificate));
  const cipherScores = facts.suites.map((suite) => cipherScore(suite.bits));
  const cipher = (Math.max(...cipherScores) + Math.min(...cipherScores)) / 2;
  // Only raw ServerHellos and no certificate: nothing measured the key exchange, so weigh the rest alone.
  if (!keyScores.length) return Math.round((0.3 * protocol + 0.4 * cipher) / 0.7);
  return Math.round(0.3 * protocol + 0.3 * Math.min(...keyScores) + 0.4 * cipher);
}

function letterFor(score: number): TlsGrade {
  if (score >= 80) return 'A';
  if (score >= 65) return 'B';
  if (score >= 50) return 'C';
  if (score >= 35) return 'D';
  if (score >= 20) return 'E';
  return 'F';
}

function worse(a: TlsGrade, b: TlsGrade): TlsGrade {
  return LETTERS.indexOf(a) >= LETTERS.indexOf(b) ? a : b;
}

/** Caps that come from the configuration (protocols, suites, keys): they shape both grades. */
function configurationCaps(facts: TlsFacts): GradeCap[] {
  const caps: GradeCap[] = [];
  const legacy = legacyProtocols(facts);
  if (legacy.includes('SSLv3'))
    caps.push({ grade: 'C', checkId: 'tls.protocol.legacy', reason: 'SSLv3 accepté (POODLE)' });
  if (legacy.includes('TLSv1') || legacy.includes('TLSv1.1'))
    caps.push({ grade: 'B', checkId: 'tls.protocol.legacy', reason: 'TLS 1.0 ou TLS 1.1 accepté' });
  if (!hasModernProtocol(facts))
    caps.push({ grade: 'C', checkId: 'tls.protocol.legacy', reason: 'ni TLS 1.2 ni TLS 1.3' });
  for (const [weakness] of suitesByWeakness(facts)) {
    const fatal = ['NULL', 'anonymous', 'EXPORT', 'DES'].includes(weakness);
    caps.push({
      grade: fatal ? 'F' : 'C',
      checkId: 'tls.cipher.weak',
      reason: `suites ${weakness === 'anonymous' ? 'anonymes' : weakness} acceptées`,
    });
  }
  const dh = weakDiffieHellman(facts);
  if (dh)
    caps.push({
      grade: dh.bits < TLS_POLICY.insecureDhBits ? 'F' : 'B',
      checkId: 'tls.dh.weak',
      reason: `groupe Diffie-Hellman de ${dh.bits} bits`,
    });
  const key = facts.certificate ? certificateKeyVerdict(facts.certificate) : 'ok';
  if (key !== 'ok')
    caps.push({
      grade: key === 'insecure' ? 'F' : 'B',
      checkId: 'tls.certificate.weak_key',
      reason: `clé de certificat de ${facts.certificate!.key.bits} bits`,
    });
  if (!forwardSecrecyForModernClients(facts))
    caps.push({
      grade: 'B',
      checkId: 'tls.forward_secrecy',
      reason: 'pas de confidentialité persistante pour les clients récents',
    });
  if (!hasAead(facts))
    caps.push({ grade: 'A-', checkId: 'tls.cipher.no_aead', reason: 'aucune suite AEAD (GCM, ChaCha20)' });
  if (facts.protocols['TLSv1.3'] !== 'accepted') caps.push({ grade: 'A-', reason: 'TLS 1.3 non proposé' });
  return caps;
}

/** Certificate problems a browser would stop on: the grade becomes T (trust) or M (name mismatch). */
function trustCaps(facts: TlsFacts, now: Date): GradeCap[] {
  const certificate = facts.certificate;
  if (!certificate) return [];
  const caps: GradeCap[] = [];
  if (!certificate.trusted)
    caps.push({
      grade: 'T',
      checkId: 'tls.certificate.untrusted',
      reason: 'chaîne de certificats non reconnue',
    });
  if (certificate.validity !== 'valid' || outdatedIntermediates(certificate, now).length)
    caps.push({
      grade: 'T',
      checkId: 'tls.certificate.expired',
      reason: 'certificat hors de sa période de validité',
    });
  if (weakSignatures(certificate).length)
    caps.push({ grade: 'T', checkId: 'tls.certificate.weak_signature', reason: 'signature SHA-1 ou MD5' });
  if (certificate.hostnameMatches === false)
    caps.push({
      grade: 'M',
      checkId: 'tls.certificate.hostname',
      reason: 'nom du service absent du certificat',
    });
  return caps;
}

export interface GradeResult {
  grade: TlsGrade;
  gradeIgnoringTrust: TlsGrade;
  score: number;
  caps: GradeCap[];
}

/** The grade of one TLS endpoint (rules and their sources: docs/scans/tls-grade.md); null without TLS. */
export function gradeTls(facts: TlsFacts, now: Date): GradeResult | null {
  const score = tlsScore(facts);
  if (score === null) return null;
  const configuration = configurationCaps(facts);
  let letter = configuration.reduce((grade, cap) => worse(grade, cap.grade), letterFor(score));
  const spotless =
    letter === 'A' && facts.suites.every((suite) => suite.forwardSecrecy && suite.aead && !suite.weakness);
  if (spotless) letter = 'A+';
  const trust = trustCaps(facts, now);
  const grade = trust.some((cap) => cap.grade === 'T') ? 'T' : trust.length ? 'M' : letter;
  return { grade, gradeIgnoringTrust: letter, score, caps: [...configuration, ...trust] };
}
