import { childrenOf, decodeOid, decodeTime, expectTag, readElement, TAG, type DerElement } from './der';

export type SignatureHash = 'md2' | 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'intrinsic';

export interface SignatureAlgorithm {
  oid: string;
  /** OpenSSL's long name, as sslscan and testssl print it. */
  name: string;
  /** The digest the signature relies on; `intrinsic` for EdDSA; null when the OID is unknown. */
  hash: SignatureHash | null;
}

/** What Node 20's X509Certificate does not expose, read from the DER itself. */
export interface CertificateDer {
  signatureAlgorithm: SignatureAlgorithm;
  notBefore: Date;
  notAfter: Date;
  /** Issuer and subject names are byte-identical: a root or a self-signed leaf. */
  selfIssued: boolean;
}

const SIGNATURES: Record<string, [string, SignatureHash]> = {
  '1.2.840.113549.1.1.2': ['md2WithRSAEncryption', 'md2'],
  '1.2.840.113549.1.1.4': ['md5WithRSAEncryption', 'md5'],
  '1.2.840.113549.1.1.5': ['sha1WithRSAEncryption', 'sha1'],
  '1.3.14.3.2.29': ['sha1WithRSA', 'sha1'],
  '1.2.840.113549.1.1.11': ['sha256WithRSAEncryption', 'sha256'],
  '1.2.840.113549.1.1.12': ['sha384WithRSAEncryption', 'sha384'],
  '1.2.840.113549.1.1.13': ['sha512WithRSAEncryption', 'sha512'],
  '1.2.840.113549.1.1.14': ['sha224WithRSAEncryption', 'sha224'],
  '1.2.840.10045.4.1': ['ecdsa-with-SHA1', 'sha1'],
  '1.2.840.10045.4.3.1': ['ecdsa-with-SHA224', 'sha224'],
  '1.2.840.10045.4.3.2': ['ecdsa-with-SHA256', 'sha256'],
  '1.2.840.10045.4.3.3': ['ecdsa-with-SHA384', 'sha384'],
  '1.2.840.10045.4.3.4': ['ecdsa-with-SHA512', 'sha512'],
  '1.2.840.10040.4.3': ['dsa_with_SHA1', 'sha1'],
  '2.16.840.1.101.3.4.3.1': ['dsa_with_SHA224', 'sha224'],
  '2.16.840.1.101.3.4.3.2': ['dsa_with_SHA256', 'sha256'],
  '1.3.101.112': ['ED25519', 'intrinsic'],
  '1.3.101.113': ['ED448', 'intrinsic'],
};

const RSASSA_PSS = '1.2.840.113549.1.1.10';

const DIGESTS: Record<string, SignatureHash> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** RSASSA-PSS carries its digest in the parameters; RFC 4055 makes SHA-1 the default when they are absent. */
function pssHash(parameters: DerElement | undefined): SignatureHash | null {
  if (!parameters || parameters.tag !== TAG.sequence) return 'sha1';
  const hashField = childrenOf(parameters).find((field) => field.tag === TAG.context0);
  if (!hashField) return 'sha1';
  const [algorithm] = childrenOf(childrenOf(hashField)[0]);
  return DIGESTS[decodeOid(expectTag(algorithm, TAG.oid, 'PSS hash').content)] ?? null;
}

function signatureAlgorithmOf(identifier: DerElement): SignatureAlgorithm {
  const [algorithm, parameters] = childrenOf(expectTag(identifier, TAG.sequence, 'AlgorithmIdentifier'));
  const oid = decodeOid(expectTag(algorithm, TAG.oid, 'signature algorithm').content);
  if (oid === RSASSA_PSS) return { oid, name: 'rsassaPss', hash: pssHash(parameters) };
  const known = SIGNATURES[oid];
  return known ? { oid, name: known[0], hash: known[1] } : { oid, name: oid, hash: null };
}

/**
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }. The outer
 * signatureAlgorithm is the one that was used; RFC 5280 requires the copy inside tbsCertificate to match it.
 */
export function parseCertificateDer(der: Buffer): CertificateDer {
  const certificate = expectTag(readElement(der), TAG.sequence, 'Certificate');
  const [tbs, signatureIdentifier] = childrenOf(certificate);
  const fields = childrenOf(expectTag(tbs, TAG.sequence, 'tbsCertificate'));
  // The version is an optional explicit [0]; v1 certificates (old appliances) omit it.
  const start = fields[0]?.tag === TAG.context0 ? 1 : 0;
  const issuer = expectTag(fields[start + 2], TAG.sequence, 'issuer');
  const [notBefore, notAfter] = childrenOf(expectTag(fields[start + 3], TAG.sequence, 'validity'));
  const subject = expectTag(fields[start + 4], TAG.sequence, 'subject');
  return {
    signatureAlgorithm: signatureAlgorithmOf(signatureIdentifier),
    notBefore: decodeTime(notBefore),
    notAfter: decodeTime(notAfter),
    selfIssued: issuer.encoded.equals(subject.encoded),
  };
}
