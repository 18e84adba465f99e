import { WEAKNESSES, type Weakness } from './cipher-suites';
import type {
  AcceptedSuite,
  CertificateSummary,
  ChainCertificate,
  ProtocolStatus,
  TlsProtocol,
  TlsReport,
} from './tls-report';

/** Thresholds shared by the findings and the grade, so both always tell the same story. */
export const TLS_POLICY = {
  minDhBits: 2048,
  insecureDhBits: 1024,
  minRsaBits: 2048,
  insecureRsaBits: 1024,
  minEcBits: 256,
} as const;

/** The measured facts a verdict is drawn from. */
export interface TlsFacts {
  protocols: Record<TlsProtocol, ProtocolStatus>;
  suites: AcceptedSuite[];
  modernClient: TlsReport['modernClient'];
  certificate: CertificateSummary | null;
}

export type LegacyProtocol = 'SSLv3' | 'TLSv1' | 'TLSv1.1';
const LEGACY: LegacyProtocol[] = ['SSLv3', 'TLSv1', 'TLSv1.1'];

export function legacyProtocols(facts: TlsFacts): LegacyProtocol[] {
  return LEGACY.filter((protocol) => facts.protocols[protocol] === 'accepted');
}

export function hasModernProtocol(facts: TlsFacts): boolean {
  return facts.protocols['TLSv1.2'] === 'accepted' || facts.protocols['TLSv1.3'] === 'accepted';
}

/** Weak suites grouped by their worst weakness, most severe first. */
export function suitesByWeakness(facts: TlsFacts): [Weakness, AcceptedSuite[]][] {
  return WEAKNESSES.map(
    (weakness) =>
      [weakness, facts.suites.filter((suite) => suite.weakness === weakness)] as [Weakness, AcceptedSuite[]],
  ).filter(([, suites]) => suites.length > 0);
}

export function suitesWithoutForwardSecrecy(facts: TlsFacts): AcceptedSuite[] {
  return facts.suites.filter((suite) => !suite.forwardSecrecy);
}

/**
 * Whether current clients get forward secrecy: judged on the suite a modern client negotiates, as SSL Labs judges
 * it on handshake simulations, not on the bare list of suites.
 */
export function forwardSecrecyForModernClients(facts: TlsFacts): boolean {
  if (facts.modernClient) return facts.modernClient.forwardSecrecy;
  return facts.suites.some((suite) => suite.forwardSecrecy && !suite.weakness);
}

export function hasAead(facts: TlsFacts): boolean {
  return facts.suites.some((suite) => suite.aead);
}

/** Suites whose finite-field Diffie-Hellman group is below the policy, with the smallest size seen. */
export function weakDiffieHellman(facts: TlsFacts): { bits: number; suites: AcceptedSuite[] } | null {
  // Anonymous suites are reported as such; their group size is the least of their problems.
  const suites = facts.suites.filter(
    (suite) =>
      !suite.anonymous && suite.ephemeralKey?.type === 'DH' && suite.ephemeralKey.size < TLS_POLICY.minDhBits,
  );
  if (!suites.length) return null;
  return { bits: Math.min(...suites.map((suite) => suite.ephemeralKey!.size)), suites };
}

export type KeyVerdict = 'ok' | 'weak' | 'insecure';

export function certificateKeyVerdict(certificate: CertificateSummary): KeyVerdict {
  const { type, bits } = certificate.key;
  if (type === 'ec') return bits < TLS_POLICY.minEcBits ? 'weak' : 'ok';
  if (type === 'rsa' || type === 'rsa-pss' || type === 'dsa') {
    if (bits < TLS_POLICY.insecureRsaBits) return 'insecure';
    return bits < TLS_POLICY.minRsaBits ? 'weak' : 'ok';
  }
  return 'ok';
}

export interface CertificateOnPath {
  certificate: ChainCertificate;
  role: 'leaf' | 'intermediate';
}

/** The leaf and the intermediates: a root's own signature is never checked, so its digest does not matter. */
function path(certificate: CertificateSummary): CertificateOnPath[] {
  return [
    { certificate, role: 'leaf' as const },
    ...certificate.chain
      .filter((entry) => !entry.selfIssued)
      .map((entry) => ({ certificate: entry, role: 'intermediate' as const })),
  ];
}

export function weakSignatures(certificate: CertificateSummary): CertificateOnPath[] {
  return path(certificate).filter(({ certificate: entry }) =>
    ['md2', 'md5', 'sha1'].includes(entry.signatureHash ?? ''),
  );
}

/** Intermediates out of their validity period (the leaf has its own summary fields). */
export function outdatedIntermediates(certificate: CertificateSummary, now: Date): CertificateOnPath[] {
  return path(certificate).filter(
    ({ certificate: entry, role }) =>
      role === 'intermediate' &&
      (now.getTime() > Date.parse(entry.notAfter) || now.getTime() < Date.parse(entry.notBefore)),
  );
}
