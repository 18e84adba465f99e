import type { CheckFinding, Severity } from '../finding';
import { certificateKeyVerdict, outdatedIntermediates, weakSignatures, TLS_POLICY } from './analysis';
import type { CertificateSummary } from './tls-report';
import { frenchDate, plural, type FindingPlace } from './wording';

const TRUST_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificat auto-signé',
  SELF_SIGNED_CERT_IN_CHAIN: 'la chaîne se termine par une autorité racine inconnue',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'autorité émettrice inconnue ou certificat intermédiaire manquant',
  UNABLE_TO_GET_ISSUER_CERT: 'autorité émettrice inconnue ou certificat intermédiaire manquant',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificat intermédiaire manquant ou autorité inconnue',
  CERT_SIGNATURE_FAILURE: 'signature du certificat invalide',
  CERT_REVOKED: 'certificat révoqué',
  INVALID_CA: 'un certificat de la chaîne n’est pas une autorité de certification',
  CERT_CHAIN_TOO_LONG: 'chaîne trop longue',
};

const RENEW =
  'Renouveler le certificat, l’installer avec sa chaîne intermédiaire complète, et automatiser le renouvellement (ACME) avec une alerte avant l’échéance.';

function expiryFindings(certificate: CertificateSummary, place: FindingPlace, now: Date): CheckFinding[] {
  const findings: CheckFinding[] = [];
  if (certificate.validity !== 'valid') {
    const expired = certificate.validity === 'expired';
    findings.push({
      checkId: 'tls.certificate.expired',
      key: 'leaf',
      severity: 'critical',
      target: place.target,
      title: expired ? 'Certificat expiré' : 'Certificat pas encore valide',
      evidence: expired
        ? `Le certificat « ${certificate.subject} » présenté par ${place.where} a expiré le ${frenchDate(certificate.notAfter)}.`
        : `Le certificat « ${certificate.subject} » présenté par ${place.where} n’est valide qu’à partir du ${frenchDate(certificate.notBefore)}.`,
      remediation: expired
        ? RENEW
        : 'Vérifier l’horloge du serveur et celle de l’autorité qui a émis le certificat, puis installer un certificat déjà valide.',
    });
  }
  const intermediates = outdatedIntermediates(certificate, now);
  if (intermediates.length) {
    findings.push({
      checkId: 'tls.certificate.expired',
      key: 'intermediate',
      severity: 'critical',
      target: place.target,
      title: 'Certificat intermédiaire hors de sa période de validité',
      evidence: `${place.where} présente ${intermediates.map(({ certificate: entry }) => `« ${entry.subject} » (valide du ${frenchDate(entry.notBefore)} au ${frenchDate(entry.notAfter)})`).join(', ')}.`,
      remediation:
        'Remplacer la chaîne intermédiaire par celle que l’autorité de certification publie aujourd’hui.',
    });
  }
  return findings;
}

function expiringFindings(
  certificate: CertificateSummary,
  place: FindingPlace,
  expiringDays: number,
): CheckFinding[] {
  if (certificate.validity !== 'valid' || certificate.daysLeft >= expiringDays) return [];
  const severity: Severity = certificate.daysLeft < 7 ? 'high' : certificate.daysLeft < 14 ? 'medium' : 'low';
  return [
    {
      checkId: 'tls.certificate.expiring',
      severity,
      target: place.target,
      title: 'Certificat proche de l’expiration',
      evidence: `Le certificat « ${certificate.subject} » de ${place.where} expire le ${frenchDate(certificate.notAfter)}, dans ${plural(certificate.daysLeft, 'jour')}.`,
      remediation: RENEW,
    },
  ];
}

function trustFindings(certificate: CertificateSummary, place: FindingPlace): CheckFinding[] {
  if (certificate.trusted) return [];
  const code = certificate.trustError ?? 'UNKNOWN';
  return [
    {
      checkId: 'tls.certificate.untrusted',
      severity: 'high',
      target: place.target,
      title: 'Certificat non reconnu par les navigateurs',
      evidence: `La chaîne du certificat « ${certificate.subject} » de ${place.where}, émis par « ${certificate.issuer} », ne remonte pas à une autorité de confiance : ${TRUST_ERRORS[code] ?? 'chaîne invalide'} (${code}).`,
      remediation:
        'Installer un certificat délivré par une autorité reconnue, accompagné de ses certificats intermédiaires ; un certificat auto-signé ne convient pas à un service exposé sur Internet.',
    },
  ];
}

function hostnameFindings(
  certificate: CertificateSummary,
  place: FindingPlace,
  serverName?: string,
): CheckFinding[] {
  if (certificate.hostnameMatches !== false) return [];
  const names = certificate.subjectAltNames.length
    ? certificate.subjectAltNames.join(', ')
    : certificate.subject;
  return [
    {
      checkId: 'tls.certificate.hostname',
      severity: 'high',
      target: place.target,
      title: 'Certificat ne correspondant pas au nom du service',
      evidence: `Le certificat présenté pour ${serverName} couvre ${names}, mais pas ce nom.`,
      remediation:
        'Faire émettre un certificat dont l’extension subjectAltName contient ce nom, ou configurer le serveur pour présenter le bon certificat selon le nom demandé (SNI).',
    },
  ];
}

function keyFindings(certificate: CertificateSummary, place: FindingPlace): CheckFinding[] {
  const verdict = certificateKeyVerdict(certificate);
  if (verdict === 'ok') return [];
  const { type, bits, curve } = certificate.key;
  const kind =
    type === 'ec'
      ? `à courbe elliptique${curve ? ` ${curve}` : ''} de ${bits} bits`
      : `${type.toUpperCase()} de ${bits} bits`;
  return [
    {
      checkId: 'tls.certificate.weak_key',
      severity: verdict === 'insecure' ? 'critical' : 'high',
      target: place.target,
      title: 'Clé de certificat trop courte',
      evidence: `Le certificat de ${place.where} utilise une clé ${kind} (minimum : RSA ${TLS_POLICY.minRsaBits} bits ou courbe elliptique de ${TLS_POLICY.minEcBits} bits).`,
      remediation:
        'Générer une nouvelle clé (RSA 3072 bits ou ECDSA P-256) et faire réémettre le certificat.',
    },
  ];
}

function signatureFindings(certificate: CertificateSummary, place: FindingPlace): CheckFinding[] {
  const weak = weakSignatures(certificate);
  if (!weak.length) return [];
  const broken = weak.some(({ certificate: entry }) => entry.signatureHash !== 'sha1');
  return [
    {
      checkId: 'tls.certificate.weak_signature',
      severity: broken ? 'critical' : 'high',
      target: place.target,
      title: 'Signature de certificat faible (SHA-1 ou MD5)',
      evidence: `${place.where} présente ${weak.map(({ certificate: entry, role }) => `${role === 'leaf' ? 'le certificat' : 'l’intermédiaire'} « ${entry.subject} » signé en ${entry.signatureAlgorithm}`).join(', ')}.`,
      remediation:
        'Faire réémettre le certificat et sa chaîne avec une signature SHA-256 au moins : les collisions SHA-1 et MD5 permettent de forger des certificats.',
    },
  ];
}

export interface CertificateFindingOptions {
  now: Date;
  expiringDays: number;
  serverName?: string;
}

/** Findings about the certificate the server presents to a modern client. */
export function certificateFindings(
  certificate: CertificateSummary,
  place: FindingPlace,
  options: CertificateFindingOptions,
): CheckFinding[] {
  return [
    ...expiryFindings(certificate, place, options.now),
    ...expiringFindings(certificate, place, options.expiringDays),
    ...trustFindings(certificate, place),
    ...hostnameFindings(certificate, place, options.serverName),
    ...keyFindings(certificate, place),
    ...signatureFindings(certificate, place),
  ];
}
