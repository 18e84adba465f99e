import { isIP } from 'node:net';
import type { ResultOf } from './grading';
import { type Hop } from './observation';
import { isHtml, pageScripts } from './page';

type SriResult = ResultOf<'subresource-integrity'>;

export interface SriAnalysis {
  result: SriResult;
  pass: boolean;
  /** Scripts from another site, with whether they carry an integrity hash and come over https. */
  foreignScripts: { src: string; integrity: boolean; secure: boolean }[];
}

/**
 * Second-level suffixes under which the registrable domain has three labels. A short list instead of the
 * Public Suffix List (the Observatory uses tldts): enough for French public and health sites, and a miss only
 * makes two sites of one suffix look like one.
 */
const MULTI_LABEL_SUFFIXES = new Set([
  'gouv.fr',
  'asso.fr',
  'com.fr',
  'nom.fr',
  'tm.fr',
  'presse.fr',
  'co.uk',
  'org.uk',
  'ac.uk',
  'nhs.uk',
  'com.au',
]);

/** The registrable domain of a host or URL; undefined for addresses and single labels, as tldts gives null. */
export function registrableDomain(hostOrUrl: string): string | undefined {
  let host = hostOrUrl;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostOrUrl)) host = new URL(hostOrUrl).hostname;
  } catch {
    return undefined;
  }
  host = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (isIP(host) !== 0) return undefined;
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  const take = MULTI_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.length < take ? undefined : labels.slice(-take).join('.');
}

const WORSE: SriResult[] = [
  'sri-implemented-and-all-scripts-loaded-securely',
  'sri-implemented-and-external-scripts-loaded-securely',
  'sri-implemented-but-external-scripts-not-loaded-securely',
  'sri-not-implemented-but-external-scripts-loaded-securely',
  'sri-not-implemented-and-external-scripts-not-loaded-securely',
  'sri-not-implemented-response-not-html',
];
const worst = (next: SriResult, current: SriResult | undefined) =>
  current === undefined || WORSE.indexOf(next) > WORSE.indexOf(current) ? next : current;

/**
 * The Observatory's Subresource Integrity test on the landing page: scripts from another site should come over
 * https with an integrity hash. `host` is the scanned host; `secure` whether the page came over https.
 */
export function analyzeSri(page: Hop & { body: string }, host: string, secure: boolean): SriAnalysis {
  const foreignScripts: SriAnalysis['foreignScripts'] = [];
  if (!isHtml(page)) return { result: 'sri-not-implemented-response-not-html', pass: true, foreignScripts };
  const scripts = pageScripts(page);
  if (scripts.length === 0)
    return { result: 'sri-not-implemented-but-no-scripts-loaded', pass: true, foreignScripts };
  const site = registrableDomain(host);
  let result: SriResult | undefined;
  let foreign = false;
  for (const script of scripts) {
    if (!script.src) continue;
    const relativeProtocol = /^\/\/[^/]/.test(script.src);
    const fullUrl = /^https?:\/\//i.test(script.src);
    const relativeOrigin = !relativeProtocol && !fullUrl;
    const sameSite = relativeProtocol || relativeOrigin || registrableDomain(script.src) === site;
    const secureOrigin = relativeOrigin || (sameSite && !relativeProtocol);
    const secureScheme = fullUrl ? /^https:/i.test(script.src) : relativeOrigin && secure;
    const integrity = Boolean(script.integrity);
    if (!secureOrigin) {
      foreign = true;
      foreignScripts.push({ src: script.src, integrity, secure: secureScheme });
      if (integrity && !secureScheme)
        result = worst('sri-implemented-but-external-scripts-not-loaded-securely', result);
      else if (!integrity && secureScheme)
        result = worst('sri-not-implemented-but-external-scripts-loaded-securely', result);
      else if (!integrity)
        result = worst('sri-not-implemented-and-external-scripts-not-loaded-securely', result);
    } else if (integrity && secureScheme && !result) {
      result = 'sri-implemented-and-all-scripts-loaded-securely';
    }
  }
  result ??= foreign
    ? 'sri-implemented-and-external-scripts-loaded-securely'
    : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin';
  const pass = (
    [
      'sri-implemented-and-all-scripts-loaded-securely',
      'sri-implemented-and-external-scripts-loaded-securely',
      'sri-not-implemented-but-all-scripts-loaded-from-secure-origin',
    ] as SriResult[]
  ).includes(result);
  return { result, pass, foreignScripts };
}
