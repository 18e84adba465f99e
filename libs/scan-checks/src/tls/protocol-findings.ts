import type { CheckFinding } from '../finding';
import {
  forwardSecrecyForModernClients,
  hasAead,
  hasModernProtocol,
  legacyProtocols,
  suitesByWeakness,
  suitesWithoutForwardSecrecy,
  weakDiffieHellman,
  TLS_POLICY,
  type TlsFacts,
} from './analysis';
import type { Weakness } from './cipher-suites';
import { plural, PROTOCOL_LABEL, suiteList, type FindingPlace } from './wording';

const KEEP_ONLY_MODERN =
  'ne garder que des suites ECDHE avec AES-GCM ou ChaCha20-Poly1305 (sous OpenSSL : « ECDHE+AESGCM:ECDHE+CHACHA20 »), et TLS 1.3.';

function legacyProtocolFindings(facts: TlsFacts, place: FindingPlace): CheckFinding[] {
  const modern = hasModernProtocol(facts);
  const noModern = modern
    ? ''
    : ' TLS 1.2 et TLS 1.3 sont refusés : les navigateurs récents ne peuvent pas se connecter.';
  return legacyProtocols(facts).map((protocol) => {
    const label = PROTOCOL_LABEL[protocol];
    const suites = facts.suites.filter((suite) => suite.protocol === protocol);
    const accepted = suites.length
      ? ` (${plural(suites.length, 'suite acceptée', 'suites acceptées')} : ${suiteList(suites, 3)})`
      : '';
    return {
      checkId: 'tls.protocol.legacy',
      key: protocol,
      severity: protocol === 'SSLv3' ? 'critical' : modern ? 'medium' : 'high',
      target: place.target,
      title: `${label} accepté`,
      evidence: `Le service TLS ${place.where} accepte une connexion en ${label}${accepted}.${noModern}`,
      remediation:
        protocol === 'SSLv3'
          ? 'Désactiver SSLv3 (attaque POODLE, RFC 7568) et n’autoriser que TLS 1.2 et TLS 1.3 ; si un équipement ancien l’impose, le placer derrière un frontal TLS à jour.'
          : 'Désactiver TLS 1.0 et TLS 1.1, abandonnés par la RFC 8996, et n’autoriser que TLS 1.2 et TLS 1.3 ; si un équipement ancien l’impose, le placer derrière un frontal TLS à jour.',
    };
  });
}

const WEAKNESS_TEXT: Record<Weakness, { title: string; risk: string; critical: boolean }> = {
  NULL: {
    title: 'Suites sans chiffrement (NULL) acceptées',
    risk: 'Les échanges peuvent circuler en clair.',
    critical: true,
  },
  anonymous: {
    title: 'Suites anonymes acceptées',
    risk: 'Sans authentification du serveur, un attaquant placé sur le chemin peut se faire passer pour lui.',
    critical: true,
  },
  EXPORT: {
    title: 'Suites « export » acceptées',
    risk: 'Les suites export (40 à 56 bits, attaques FREAK et Logjam) se cassent en quelques heures.',
    critical: false,
  },
  DES: { title: 'Suites DES acceptées', risk: 'DES (56 bits) se casse par force brute.', critical: false },
  RC4: {
    title: 'Suites RC4 acceptées',
    risk: 'RC4 est interdit par la RFC 7465 : ses biais permettent de retrouver des données chiffrées.',
    critical: false,
  },
  '3DES': {
    title: 'Suites 3DES acceptées',
    risk: 'Les chiffrements par blocs de 64 bits sont exposés à l’attaque SWEET32 sur les connexions longues.',
    critical: false,
  },
  IDEA: {
    title: 'Suites IDEA acceptées',
    risk: 'Les chiffrements par blocs de 64 bits sont exposés à l’attaque SWEET32 sur les connexions longues.',
    critical: false,
  },
};

function weakCipherFindings(facts: TlsFacts, place: FindingPlace): CheckFinding[] {
  return suitesByWeakness(facts).map(([weakness, suites]) => ({
    checkId: 'tls.cipher.weak',
    key: weakness,
    severity: WEAKNESS_TEXT[weakness].critical ? 'critical' : 'high',
    target: place.target,
    title: WEAKNESS_TEXT[weakness].title,
    evidence: `Le service TLS ${place.where} accepte : ${suiteList(suites)}.`,
    remediation: `${WEAKNESS_TEXT[weakness].risk} Retirer ces suites de la configuration et ${KEEP_ONLY_MODERN}`,
  }));
}

function aeadFindings(facts: TlsFacts, place: FindingPlace): CheckFinding[] {
  if (hasAead(facts) || !facts.suites.length) return [];
  return [
    {
      checkId: 'tls.cipher.no_aead',
      severity: 'low',
      target: place.target,
      title: 'Aucune suite de chiffrement authentifié (AEAD)',
      evidence: `Le service TLS ${place.where} ne propose que des suites CBC ou à flot (${suiteList(facts.suites, 3)}) : aucune suite AES-GCM, ChaCha20-Poly1305 ou CCM.`,
      remediation: `Les suites CBC ont connu une série d’attaques par oracle de remplissage (Lucky13, POODLE TLS) ; ${KEEP_ONLY_MODERN}`,
    },
  ];
}

function forwardSecrecyFindings(facts: TlsFacts, place: FindingPlace): CheckFinding[] {
  const withoutFs = suitesWithoutForwardSecrecy(facts);
  if (!forwardSecrecyForModernClients(facts)) {
    const negotiated = facts.modernClient
      ? `Un client récent négocie ${facts.modernClient.suite} (${facts.modernClient.protocol}) avec ${place.where} : échange de clés sans confidentialité persistante.`
      : `Aucune suite ECDHE ou DHE n’est acceptée par ${place.where}.`;
    return [
      {
        checkId: 'tls.forward_secrecy',
        key: 'modern-clients',
        severity: 'medium',
        target: place.target,
        title: 'Pas de confidentialité persistante pour les clients récents',
        evidence: negotiated,
        remediation:
          'Activer TLS 1.3 et placer les suites ECDHE en tête : sans confidentialité persistante, la clé privée du serveur, si elle est volée, déchiffre tout le trafic enregistré.',
      },
    ];
  }
  if (!withoutFs.length) return [];
  return [
    {
      checkId: 'tls.forward_secrecy',
      key: 'some-suites',
      severity: 'low',
      target: place.target,
      title: 'Suites sans confidentialité persistante acceptées',
      evidence: `Les clients récents obtiennent une suite ECDHE ou TLS 1.3, mais ${place.where} accepte encore ${plural(withoutFs.length, 'suite')} à échange de clés statique : ${suiteList(withoutFs)}.`,
      remediation:
        'Retirer les suites à échange de clés RSA statique (AES128-SHA, AES256-GCM-SHA384…) dès que les clients anciens qui en dépendent sont remplacés.',
    },
  ];
}

function dhFindings(facts: TlsFacts, place: FindingPlace): CheckFinding[] {
  const dh = weakDiffieHellman(facts);
  if (!dh) return [];
  return [
    {
      checkId: 'tls.dh.weak',
      severity: dh.bits < TLS_POLICY.insecureDhBits ? 'high' : 'medium',
      target: place.target,
      title: 'Groupe Diffie-Hellman trop faible',
      evidence: `Le service TLS ${place.where} utilise un groupe Diffie-Hellman de ${dh.bits} bits (minimum : ${TLS_POLICY.minDhBits}) pour ${suiteList(dh.suites, 3)}.`,
      remediation:
        'Configurer un groupe Diffie-Hellman d’au moins 2048 bits (ffdhe2048 ou ffdhe3072, RFC 7919) ou retirer les suites DHE au profit des suites ECDHE (attaque Logjam).',
    },
  ];
}

/** Findings about protocol versions, suites and key exchange. */
export function protocolFindings(facts: TlsFacts, place: FindingPlace): CheckFinding[] {
  return [
    ...legacyProtocolFindings(facts, place),
    ...weakCipherFindings(facts, place),
    ...aeadFindings(facts, place),
    ...forwardSecrecyFindings(facts, place),
    ...dhFindings(facts, place),
  ];
}
