import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { parseCertificateDer } from './certificate-der';
import type { CertificateSummary, ChainCertificate } from './tls-report';

/** What the trust probe keeps from the socket before closing it. */
export interface PeerCertificates {
  leaf: X509Certificate;
  /** After the leaf, in issuing order. */
  chain: X509Certificate[];
  /** The legacy object `tls.checkServerIdentity` wants. */
  peer: PeerCertificate;
  authorizationError: string | null;
}

const DAY_MS = 86_400_000;
/** OpenSSL reports a date problem in preference to a chain problem, so these hide whether the chain is good. */
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

export function inspectPeer(socket: TLSSocket): PeerCertificates | null {
  // Not getPeerX509Certificate(): in Node 20, getPeerCertificate() returns {} once that has been called.
  const detailed = socket.getPeerCertificate(true);
  if (!detailed?.raw) return null;
  const leaf = new X509Certificate(detailed.raw);
  const chain: X509Certificate[] = [];
  let current = detailed;
  const seen = new Set([current.fingerprint256]);
  while (current.issuerCertificate && !seen.has(current.issuerCertificate.fingerprint256)) {
    current = current.issuerCertificate;
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
  }
  // Node types it as an Error; at run time it is OpenSSL's code as a string.
  const error = socket.authorizationError as unknown;
  return {
    leaf,
    chain,
    peer: detailed,
    authorizationError: error ? String(error) : null,
  };
}

let defaultAnchors: X509Certificate[] | undefined;

function anchorsFor(extraCa: string[]): X509Certificate[] {
  defaultAnchors ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return [...defaultAnchors, ...extraCa.map((pem) => new X509Certificate(pem))];
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

/** Walks up the presented chain to a trust anchor, checking signatures but not dates. */
function reachesAnchor(peer: PeerCertificates, anchors: X509Certificate[]): boolean {
  let current = peer.leaf;
  for (let depth = 0; depth < 10; depth++) {
    if (anchors.some((anchor) => issuedBy(current, anchor))) return true;
    const next = peer.chain.find((candidate) => candidate !== current && issuedBy(current, candidate));
    if (!next || next.fingerprint256 === current.fingerprint256) return false;
    current = next;
  }
  return false;
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function describe(certificate: X509Certificate): ChainCertificate {
  const der = parseCertificateDer(certificate.raw);
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    notBefore: der.notBefore.toISOString(),
    notAfter: der.notAfter.toISOString(),
    signatureAlgorithm: der.signatureAlgorithm.name,
    signatureHash: der.signatureAlgorithm.hash,
    selfIssued: der.selfIssued,
  };
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp256k1: 256, prime192v1: 192 };

function keyOf(certificate: X509Certificate): CertificateSummary['key'] {
  const key = certificate.publicKey;
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (details.namedCurve) {
    const digits = /(\d{3})/.exec(details.namedCurve);
    const bits = CURVE_BITS[details.namedCurve] ?? (digits ? Number(digits[1]) : 0);
    return { type, bits, curve: details.namedCurve };
  }
  if (type === 'ed25519') return { type, bits: 256 };
  if (type === 'ed448') return { type, bits: 456 };
  return { type, bits: details.modulusLength ?? 0 };
}

export interface SummaryContext {
  now: Date;
  serverName?: string;
  extraCa: string[];
}

export function summarizeCertificate(peer: PeerCertificates, context: SummaryContext): CertificateSummary {
  const leaf = describe(peer.leaf);
  const notBefore = new Date(leaf.notBefore);
  const notAfter = new Date(leaf.notAfter);
  const now = context.now.getTime();
  // Once the chain verifies, Node checks the name itself and reports a mismatch here: that is not a trust problem.
  let trustError =
    peer.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? null : peer.authorizationError;
  if (trustError && DATE_ERRORS.has(trustError)) {
    // Judge the chain ourselves; name the failure as OpenSSL would have without the date problem.
    const reached = reachesAnchor(peer, anchorsFor(context.extraCa));
    trustError = reached
      ? null
      : leaf.selfIssued
        ? 'DEPTH_ZERO_SELF_SIGNED_CERT'
        : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
  }
  return {
    ...leaf,
    subjectAltNames: (peer.leaf.subjectAltName ?? '').split(', ').filter(Boolean),
    serialNumber: peer.leaf.serialNumber,
    fingerprintSha256: peer.leaf.fingerprint256,
    daysLeft: Math.floor((notAfter.getTime() - now) / DAY_MS),
    validity: now > notAfter.getTime() ? 'expired' : now < notBefore.getTime() ? 'not-yet-valid' : 'valid',
    key: keyOf(peer.leaf),
    trusted: !trustError,
    trustError,
    hostnameMatches: context.serverName ? !checkServerIdentity(context.serverName, peer.peer) : null,
    chain: peer.chain.map(describe),
  };
}
