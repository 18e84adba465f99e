import type { CheckFinding } from '../finding';
import { createDnsClient, type DnsClient } from './dns-client';
import { dkimReport, type DkimSelectorDetails } from './dkim.check';
import { dmarcReport, type DmarcDetails } from './dmarc.check';
import { isDomainName, normalizeDomain } from './domain-name';
import { mxDetails, mxFindings, type MxDetails } from './mx.check';
import { evaluateSpf, type SpfEvaluation } from './spf-evaluation';
import { spfFindings } from './spf.check';

/** Stored with every DNS result, so an old finding can be explained and re-graded. */
export const DNS_CHECKS_VERSION = '1.0.0';

export interface MailDnsOptions {
  /** "ip:port" resolvers (SCAN_DNS_SERVERS); empty means the system resolver. */
  servers: string[];
  /** DKIM selectors the establishment declared; selectors cannot be discovered from the DNS. */
  dkimSelectors?: string[];
  timeoutMs?: number;
  tries?: number;
  /** The scan's deadline: queries in flight are cancelled and the check rejects with the abort reason. */
  signal?: AbortSignal;
  /** Another way to query the DNS; `servers`, `timeoutMs` and `tries` are then unused. */
  dns?: DnsClient;
}

export interface MailDnsDetails {
  mx: MxDetails;
  /** The SPF tree with its lookup and void-lookup counts; absent when the domain does not exist. */
  spf?: SpfEvaluation;
  dmarc?: DmarcDetails;
  dkim: DkimSelectorDetails[];
}

export interface MailDnsResult {
  version: string;
  domain: string;
  findings: CheckFinding[];
  details: MailDnsDetails;
}

const SELECTOR = /^(?!-)[a-z0-9_-]{1,63}(?<!-)(\.(?!-)[a-z0-9_-]{1,63}(?<!-))*$/;

/**
 * E-mail DNS posture of a registered domain: MX, SPF (RFC 7208), DMARC (RFC 7489) and the declared DKIM
 * selectors (RFC 6376, RFC 8301). DNS queries go to the configured resolvers only, never to the establishment.
 * Throws DnsLookupError when a query about the domain's own names fails (timeout, SERVFAIL): a retry is better
 * than findings drawn from missing answers. Failures in third-party SPF includes become findings instead.
 */
export async function checkMailDns(domain: string, options: MailDnsOptions): Promise<MailDnsResult> {
  const name = normalizeDomain(domain);
  if (!isDomainName(name)) throw new TypeError(`not a domain name: ${domain}`);
  options.signal?.throwIfAborted();
  const dns = options.dns ?? createDnsClient(options);
  const declared = [...new Set((options.dkimSelectors ?? []).map((s) => s.trim().toLowerCase()))];
  const selectors = declared.filter((s) => SELECTOR.test(s));
  const invalid = declared.filter((s) => !SELECTOR.test(s));
  const lookups = Promise.all([
    dns.mx(name),
    evaluateSpf(name, dns),
    dns.txt(`_dmarc.${name}`),
    Promise.all(selectors.map((selector) => dns.txt(`${selector}._domainkey.${name}`))),
  ]);
  // A cancelled query fails like a broken one (and a broken include becomes a finding): the abort must win.
  const [mxLookup, spf, dmarcLookup, dkimLookups] = await lookups.finally(() =>
    options.signal?.throwIfAborted(),
  );
  const mx = mxDetails(mxLookup);
  if (mx.status === 'nxdomain') {
    return {
      version: DNS_CHECKS_VERSION,
      domain: name,
      findings: mxFindings(name, mx, {}),
      details: { mx, dkim: [] },
    };
  }
  const dmarc = dmarcReport(name, dmarcLookup);
  const dkim = selectors.map((selector, i) => dkimReport(name, selector, dkimLookups[i]));
  const policy = dmarc.details.record?.policy;
  const findings = [
    ...mxFindings(name, mx, { spfAll: spf.effectiveAll, dmarcPolicy: policy }),
    ...spfFindings(name, spf, { policy, pct: dmarc.details.record?.pct ?? 100 }),
    ...dmarc.findings,
    ...dkimGaps(name, declared.length, invalid),
    ...dkim.flatMap((report) => report.findings),
  ];
  return {
    version: DNS_CHECKS_VERSION,
    domain: name,
    findings,
    details: { mx, spf, dmarc: dmarc.details, dkim: dkim.map((report) => report.details) },
  };
}

/** DKIM cannot be judged without selectors: say so rather than stay silent. */
function dkimGaps(domain: string, declared: number, invalid: string[]): CheckFinding[] {
  const gaps: CheckFinding[] = [];
  if (declared === 0) {
    gaps.push({
      checkId: 'dns.dkim',
      severity: 'info',
      target: domain,
      key: 'dkim-no-selector',
      title: 'DKIM non vérifié : aucun sélecteur déclaré',
      evidence: `Les clés DKIM de ${domain} ne peuvent pas être découvertes dans le DNS sans leur sélecteur, et aucun n’a été déclaré.`,
      remediation:
        'Déclarer les sélecteurs DKIM utilisés (visibles dans l’en-tête DKIM-Signature, balise s=, des messages envoyés).',
    });
  }
  if (invalid.length > 0) {
    gaps.push({
      checkId: 'dns.dkim',
      severity: 'info',
      target: domain,
      key: 'dkim-invalid-selector',
      title: 'Sélecteur DKIM déclaré invalide',
      evidence: `Sélecteur(s) ignoré(s), ce ne sont pas des noms DNS : ${invalid.map((s) => `« ${s} »`).join(', ')}.`,
      remediation: 'Corriger la liste des sélecteurs déclarés (balise s= de l’en-tête DKIM-Signature).',
    });
  }
  return gaps;
}
