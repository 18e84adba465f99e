import type { CheckFinding, Severity } from '../finding';
import type { Lookup } from './dns-client';
import {
  isDmarcRecord,
  looksLikeMisplacedDmarc,
  parseDmarcRecord,
  policyStrength,
  type DmarcRecord,
} from './dmarc-record';

export interface DmarcDetails {
  /** `_dmarc.<domain>`. */
  name: string;
  /** Every TXT record found there. */
  txtRecords: string[];
  /** The DMARC record receivers apply: present only when there is exactly one. */
  record?: DmarcRecord;
}

const PUBLISH =
  'Publier en _dmarc un enregistrement « v=DMARC1; p=quarantine; rua=mailto:… », puis passer à p=reject une fois les rapports vérifiés.';

/** DMARC findings for a domain from its `_dmarc` TXT lookup (RFC 7489 §6.6.3). */
export function dmarcReport(
  domain: string,
  lookup: Lookup<string>,
): { findings: CheckFinding[]; details: DmarcDetails } {
  const name = `_dmarc.${domain}`;
  const details: DmarcDetails = { name, txtRecords: lookup.records };
  const findings: CheckFinding[] = [];
  const add = (key: string, severity: Severity, title: string, evidence: string, remediation: string) =>
    findings.push({ checkId: 'dns.dmarc', severity, target: domain, key, title, evidence, remediation });
  const records = lookup.records.filter(isDmarcRecord);
  if (records.length === 0) {
    const misplaced = lookup.records.filter(looksLikeMisplacedDmarc);
    if (misplaced.length > 0) {
      add(
        'dmarc-misplaced-version',
        'high',
        'Enregistrement DMARC ignoré (v=DMARC1 mal placé)',
        `${name} publie « ${misplaced[0]} », mais un enregistrement DMARC doit commencer exactement par « v=DMARC1 » : les destinataires l’ignorent et aucune politique ne s’applique.`,
        'Réécrire l’enregistrement en commençant par « v=DMARC1; p=… ».',
      );
    } else {
      add(
        'dmarc-missing',
        'high',
        'Aucune politique DMARC',
        `Aucun enregistrement DMARC n’est publié en ${name} : les destinataires ne savent pas quoi faire des messages qui usurpent ${domain}, et le domaine ne reçoit aucun rapport.`,
        PUBLISH,
      );
    }
    return { findings, details };
  }
  if (records.length > 1) {
    add(
      'dmarc-multiple',
      'high',
      'Plusieurs enregistrements DMARC',
      `${name} publie ${records.length} enregistrements DMARC (${records.map((r) => `« ${r} »`).join(', ')}) : les destinataires n’appliquent alors aucune politique.`,
      'Ne garder qu’un seul enregistrement DMARC.',
    );
    return { findings, details };
  }
  const record = parseDmarcRecord(records[0]);
  details.record = record;
  if (record.errors.length > 0) {
    add(
      'dmarc-syntax',
      'high',
      'Erreur de syntaxe dans le DMARC',
      `L’enregistrement « ${records[0]} » contient des erreurs : ${record.errors.join(' ; ')}.${
        record.policy
          ? ` Les destinataires l’appliquent comme p=${record.policy}.`
          : ' Les destinataires l’ignorent.'
      }`,
      'Corriger l’enregistrement selon la RFC 7489 (v=DMARC1 en premier, p obligatoire, rua en mailto:).',
    );
  }
  if (record.tags.p === 'none') {
    add(
      'dmarc-p-none',
      'medium',
      'Politique DMARC en surveillance seule (p=none)',
      `La politique DMARC de ${domain} est « p=none » : les messages qui usurpent le domaine sont livrés normalement, seuls des rapports sont envoyés.`,
      'Analyser les rapports, corriger les envois légitimes, puis passer à p=quarantine puis p=reject.',
    );
  }
  if (record.policy && record.policy !== 'none' && record.pct < 100) {
    add(
      'dmarc-pct',
      'low',
      'Politique DMARC appliquée partiellement',
      `pct=${record.pct} : la politique « ${record.policy} » ne s’applique qu’à ${record.pct} % des messages en échec.`,
      'Passer à pct=100 (ou retirer pct) une fois les envois légitimes vérifiés.',
    );
  }
  if (record.rua.length === 0) {
    add(
      'dmarc-no-rua',
      'low',
      'Aucun rapport DMARC demandé',
      `L’enregistrement DMARC de ${domain} n’a pas de balise rua valide : le domaine ne voit ni ses envois en échec ni les usurpations.`,
      'Ajouter « rua=mailto:adresse » vers une boîte ou un service d’analyse des rapports agrégés.',
    );
  }
  if (
    record.policy &&
    record.subdomainPolicy &&
    policyStrength(record.subdomainPolicy) < policyStrength(record.policy)
  ) {
    add(
      'dmarc-sp-weaker',
      'low',
      'Politique DMARC plus faible pour les sous-domaines',
      `sp=${record.subdomainPolicy} est plus faible que p=${record.policy} : les usurpations de sous-domaines de ${domain} sont moins bloquées.`,
      `Aligner sp sur p (sp=${record.policy}) ou retirer sp.`,
    );
  }
  return { findings, details };
}
