import type { CheckFinding, Severity } from '../finding';
import type { Lookup, LookupStatus } from './dns-client';
import { dkimKeyStrength, parseDkimRecord } from './dkim-record';

export interface DkimKeyDetails {
  record: string;
  keyType: string;
  algorithm?: string;
  bits?: number;
  revoked: boolean;
  testing: boolean;
  hashAlgorithms?: string[];
  errors: string[];
}

export interface DkimSelectorDetails {
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  status: LookupStatus;
  keys: DkimKeyDetails[];
}

/** RFC 8301: below 1024 bits verifiers must refuse the key; below 2048 it is weak. */
export const DKIM_RSA_MINIMUM_BITS = 1024;
export const DKIM_RSA_RECOMMENDED_BITS = 2048;

/** A TXT record meant as a DKIM key: one with a p= tag or a v=DKIM1 version. */
const isDkimCandidate = (text: string) => /^\s*v\s*=\s*DKIM1\b/i.test(text) || /(^|;)\s*p\s*=/i.test(text);

/** Findings for one declared selector, from the TXT lookup of its key name. */
export function dkimReport(
  domain: string,
  selector: string,
  lookup: Lookup<string>,
): { findings: CheckFinding[]; details: DkimSelectorDetails } {
  const name = `${selector}._domainkey.${domain}`;
  const findings: CheckFinding[] = [];
  const add = (key: string, severity: Severity, title: string, evidence: string, remediation: string) =>
    findings.push({ checkId: 'dns.dkim', severity, target: name, key, title, evidence, remediation });
  const keys = lookup.records.filter(isDkimCandidate).map((text): DkimKeyDetails => {
    const record = parseDkimRecord(text);
    const strength = record.revoked || record.errors.length > 0 ? {} : dkimKeyStrength(record);
    return {
      record: text,
      keyType: record.keyType,
      ...(strength.algorithm ? { algorithm: strength.algorithm } : {}),
      ...(strength.bits ? { bits: strength.bits } : {}),
      revoked: record.revoked,
      testing: record.testing,
      ...(record.hashAlgorithms ? { hashAlgorithms: record.hashAlgorithms } : {}),
      errors: strength.error ? [...record.errors, strength.error] : record.errors,
    };
  });
  const details: DkimSelectorDetails = { selector, name, status: lookup.status, keys };
  if (keys.length === 0) {
    add(
      'dkim-missing',
      'medium',
      'Clé DKIM introuvable pour un sélecteur déclaré',
      `Aucune clé DKIM n’est publiée en ${name} : les messages signés avec le sélecteur « ${selector} » échouent à la vérification DKIM.`,
      'Publier la clé publique du sélecteur (fournie par la messagerie ou le prestataire d’envoi), ou corriger la liste des sélecteurs déclarés.',
    );
    return { findings, details };
  }
  if (keys.length > 1) {
    add(
      'dkim-multiple',
      'low',
      'Plusieurs clés DKIM pour un même sélecteur',
      `${name} publie ${keys.length} enregistrements DKIM : les vérificateurs en choisissent un, au hasard de la réponse DNS.`,
      'Ne publier qu’une clé par sélecteur ; utiliser un nouveau sélecteur pour une rotation de clé.',
    );
  }
  for (const key of keys) {
    if (key.revoked) {
      add(
        'dkim-revoked',
        'low',
        'Clé DKIM révoquée',
        `La clé du sélecteur « ${selector} » est révoquée (p= vide) : les messages encore signés avec lui échouent à la vérification.`,
        'Retirer ce sélecteur de la configuration d’envoi et de la liste déclarée, ou publier une nouvelle clé.',
      );
    } else if (key.errors.length > 0) {
      add(
        'dkim-invalid',
        'medium',
        'Enregistrement DKIM invalide',
        `L’enregistrement DKIM ${name} est inutilisable : ${key.errors.join(' ; ')}.`,
        'Republier la clé telle que la fournit le serveur d’envoi (v=DKIM1; k=rsa; p=…).',
      );
    } else if (key.algorithm === 'rsa' && key.bits !== undefined && key.bits < DKIM_RSA_RECOMMENDED_BITS) {
      const refused = key.bits < DKIM_RSA_MINIMUM_BITS;
      add(
        'dkim-weak-key',
        refused ? 'high' : 'medium',
        refused ? 'Clé DKIM trop courte, refusée par les vérificateurs' : 'Clé DKIM faible',
        `La clé RSA du sélecteur « ${selector} » fait ${key.bits} bits${refused ? ' : la RFC 8301 interdit de l’accepter, les signatures sont donc ignorées' : ' : 2048 bits sont recommandés (RFC 8301)'}.`,
        'Générer une clé RSA de 2048 bits sous un nouveau sélecteur, la publier, basculer la signature, puis révoquer l’ancienne.',
      );
    }
    if (!key.revoked && key.hashAlgorithms && !key.hashAlgorithms.includes('sha256')) {
      add(
        'dkim-sha1-only',
        'medium',
        'Clé DKIM limitée à SHA-1',
        `La clé du sélecteur « ${selector} » n’autorise que h=${key.hashAlgorithms.join(':')} : les signatures SHA-1 ne sont plus acceptées (RFC 8301).`,
        'Retirer la balise h= ou la fixer à h=sha256.',
      );
    }
    if (key.testing) {
      add(
        'dkim-testing',
        'low',
        'Clé DKIM en mode test (t=y)',
        `La clé du sélecteur « ${selector} » porte t=y : les vérificateurs traitent les messages signés comme s’ils ne l’étaient pas.`,
        'Retirer t=y une fois la signature DKIM validée.',
      );
    }
  }
  return { findings, details };
}
