import type { CheckFinding } from '../finding';
import type { SignatureHash } from './certificate-der';
import type { SuiteTraits } from './cipher-suites';

/** Node's names for protocol versions. SSLv2 is not probed (see docs/scans/tls-grade.md). */
export const TLS_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number];

/** `unknown`: the probe got no usable answer (timeout, network error), so it proves neither way. */
export type ProtocolStatus = 'accepted' | 'refused' | 'unknown';

export interface TlsTarget {
  /** Already cleared by the network guard; the only address connected to. */
  address: string;
  port: number;
  /** Sent as SNI and matched against the certificate; never resolved. */
  serverName?: string;
}

export interface TlsCheckOptions {
  /** Per connection. */
  timeoutMs?: number;
  /** The instant certificate dates are judged against. */
  now?: Date;
  /** Roots trusted in addition to Node's root store (PEM). */
  ca?: string | string[];
  /** A certificate expiring within this many days is reported. */
  expiringDays?: number;
  /** Connections open at once on this target. */
  maxConcurrentHandshakes?: number;
  /** Stops opening connections once aborted (the runner's deadline passed). */
  signal?: AbortSignal;
}

export interface EphemeralKey {
  type: string;
  size: number;
  name?: string;
}

export interface AcceptedSuite extends SuiteTraits {
  protocol: TlsProtocol;
  /** OpenSSL name. */
  name: string;
  /** The key exchange group seen in the handshake; null when static or not measured (raw probes). */
  ephemeralKey: EphemeralKey | null;
  /** `node`: a full handshake with Node's TLS; `raw`: the ServerHello answering a hand-built ClientHello. */
  via: 'node' | 'raw';
}

export interface ChainCertificate {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  signatureAlgorithm: string;
  signatureHash: SignatureHash | null;
  selfIssued: boolean;
}

export interface CertificateSummary extends ChainCertificate {
  subjectAltNames: string[];
  serialNumber: string;
  fingerprintSha256: string;
  /** Whole days from `now` to notAfter; negative once expired. */
  daysLeft: number;
  validity: 'valid' | 'expired' | 'not-yet-valid';
  key: { type: string; bits: number; curve?: string };
  /** The chain verifies up to a trusted root, dates aside (they are judged on their own). */
  trusted: boolean;
  /** OpenSSL's verification code (`DEPTH_ZERO_SELF_SIGNED_CERT`...), null when the chain verified. */
  trustError: string | null;
  /** null when no server name was given (scan by address). */
  hostnameMatches: boolean | null;
  /** The certificates the server sent after the leaf (and the root Node completed it with, if any). */
  chain: ChainCertificate[];
}

export type TlsGrade = 'A+' | 'A' | 'A-' | 'B' | 'C' | 'D' | 'E' | 'F' | 'M' | 'T';

export interface GradeCap {
  grade: TlsGrade;
  /** The finding behind the cap, when there is one. */
  checkId?: string;
  /** In French: shown to the user next to the grade. */
  reason: string;
}

export interface TlsReport {
  /** host:port connected to. */
  target: string;
  serverName?: string;
  checkedAt: string;
  gradingVersion: string;
  /** null when no TLS handshake succeeded at all. */
  grade: TlsGrade | null;
  /** The letter the configuration earns when certificate trust and name are set aside (SSL Labs shows both). */
  gradeIgnoringTrust: TlsGrade | null;
  /** 0-100 before caps: 30 % protocols, 30 % key exchange, 40 % cipher strength. */
  score: number | null;
  caps: GradeCap[];
  protocols: Record<TlsProtocol, ProtocolStatus>;
  suites: AcceptedSuite[];
  /** The suite picked from our full offer, per protocol: the server's preference, or ours if it has none. */
  preferredSuites: Partial<Record<TlsProtocol, string>>;
  /** What a current client (Node's defaults: TLS 1.2+, modern suites) negotiates; null if it cannot connect. */
  modernClient: { protocol: string; suite: string; forwardSecrecy: boolean } | null;
  certificate: CertificateSummary | null;
  findings: CheckFinding[];
  /** False when some probes got no answer: findings absent from this report then prove nothing. */
  complete: boolean;
  /** Probes without a usable answer, e.g. `TLSv1.1: ETIMEDOUT`. */
  errors: string[];
  handshakes: number;
}
