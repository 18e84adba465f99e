import type { CheckFinding } from '../finding';
import type { Lookup, LookupStatus, MxRecord } from './dns-client';
import type { DmarcPolicy } from './dmarc-record';
import type { SpfQualifier } from './spf-record';

export interface MxDetails {
  status: LookupStatus;
  /** Sorted by priority. */
  records: MxRecord[];
  /** RFC 7505: a single `0 .` record says the domain accepts no mail. */
  nullMx: boolean;
}

export function mxDetails(lookup: Lookup<MxRecord>): MxDetails {
  const records = [...lookup.records].sort(
    (x, y) => x.priority - y.priority || x.exchange.localeCompare(y.exchange),
  );
  return { status: lookup.status, records, nullMx: records.some((r) => r.exchange === '') };
}

/** What the other checks found, for judging whether a domain without mail is locked down. */
export interface MailLockdown {
  spfAll?: SpfQualifier;
  dmarcPolicy?: DmarcPolicy;
}

const NO_MAIL_REMEDIATION =
  'Si le domaine reçoit du courrier, publier ses enregistrements MX. S’il n’envoie ni ne reçoit de courrier, ' +
  'publier un MX nul (« 0 . », RFC 7505), un SPF « v=spf1 -all » et un DMARC « v=DMARC1; p=reject ».';

export function mxFindings(domain: string, mx: MxDetails, lockdown: MailLockdown): CheckFinding[] {
  const finding = (
    key: string,
    severity: CheckFinding['severity'],
    title: string,
    evidence: string,
    remediation: string,
  ) => ({
    checkId: 'dns.mx',
    severity,
    target: domain,
    key,
    title,
    evidence,
    remediation,
  });
  if (mx.status === 'nxdomain') {
    return [
      finding(
        'domain-nxdomain',
        'info',
        'Le domaine n’existe pas dans le DNS',
        `Le nom ${domain} n’existe pas (réponse NXDOMAIN) : les contrôles SPF, DMARC et DKIM n’ont pas été faits.`,
        'Vérifier le nom de domaine déclaré pour cet actif.',
      ),
    ];
  }
  if (mx.records.length === 0) {
    return [
      finding(
        'mx-missing',
        'low',
        'Aucun serveur de messagerie (MX) déclaré',
        `${domain} ne publie aucun enregistrement MX : les serveurs expéditeurs se rabattent sur l’adresse du domaine lui-même (MX implicite) ou ne peuvent pas livrer.`,
        NO_MAIL_REMEDIATION,
      ),
    ];
  }
  if (!mx.nullMx) return [];
  if (mx.records.length > 1) {
    return [
      finding(
        'null-mx-mixed',
        'medium',
        'MX nul mêlé à d’autres serveurs de messagerie',
        `${domain} publie un MX nul (« 0 . ») et ${mx.records.length - 1} autre(s) MX (${mx.records
          .filter((r) => r.exchange !== '')
          .map((r) => `${r.priority} ${r.exchange}`)
          .join(', ')}) : la RFC 7505 l’interdit et les expéditeurs ne savent pas s’il faut livrer.`,
        'Choisir : soit retirer le MX nul si le domaine reçoit du courrier, soit retirer les autres MX.',
      ),
    ];
  }
  const gaps = [
    ...(lockdown.spfAll === '-' ? [] : ['son SPF ne se termine pas par « -all »']),
    ...(lockdown.dmarcPolicy === 'reject' ? [] : ['sa politique DMARC n’est pas « reject »']),
  ];
  if (gaps.length === 0) return [];
  return [
    finding(
      'null-mx-not-locked',
      'low',
      'Domaine sans messagerie incomplètement verrouillé',
      `${domain} déclare ne recevoir aucun courrier (MX nul, RFC 7505), mais ${gaps.join(' et ')} : des messages usurpant ce domaine peuvent encore être acceptés.`,
      'Pour un domaine qui n’envoie pas de courrier, publier « v=spf1 -all » et « v=DMARC1; p=reject ».',
    ),
  ];
}
