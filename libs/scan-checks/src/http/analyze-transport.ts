import type { ResultOf } from './grading';
import { type Chain, chainVerified, headerValues, routeOf } from './observation';

type RedirectionResult = ResultOf<'redirection'>;
type HstsResult = ResultOf<'strict-transport-security'>;

export interface RedirectionAnalysis {
  result: RedirectionResult;
  pass: boolean;
  /** The URLs plain http went through, the refused or failed hop included. */
  route: string[];
}

/**
 * The Observatory's redirection test on the plain-http chain. It differs in one way: a chain stopped at a hop
 * (refused by the network guard, or failing) is judged on the URLs it went through, where the Observatory
 * would read it as "no http" and pass it.
 */
export function analyzeRedirection(http: Chain): RedirectionAnalysis {
  const route = routeOf(http);
  let result: RedirectionResult;
  if (http.hops.length === 0) result = 'redirection-not-needed-no-http';
  else if (!chainVerified(http)) result = 'redirection-invalid-cert';
  else {
    const urls = route.map((url) => new URL(url));
    if (urls.length === 1) result = 'redirection-missing';
    else if (urls[urls.length - 1].protocol !== 'https:') result = 'redirection-not-to-https';
    else if (urls[1].protocol === 'http:') result = 'redirection-not-to-https-on-initial-redirection';
    else if (urls[0].hostname !== urls[1].hostname) result = 'redirection-off-host-from-http';
    else result = 'redirection-to-https';
  }
  const pass = result === 'redirection-not-needed-no-http' || result === 'redirection-to-https';
  return { result, pass, route };
}

/** 15768000 s is six months; many sites send 15552000 (180 days), which the Observatory accepts. */
export const SIX_MONTHS_SECONDS = 15552000;

export interface HstsHeader {
  raw: string;
  maxAge?: number;
  includeSubDomains: boolean;
  preload: boolean;
  /** Why the header cannot be read (sent twice, no max-age, max-age not a number). */
  invalid?: string;
}

/**
 * Reads the first Strict-Transport-Security value. A max-age that is not a number is invalid here, where the
 * Observatory 1.4.8 reads it as NaN and lets it pass; a quoted number is read as RFC 6797 allows.
 */
export function parseHsts(value: string): HstsHeader {
  const raw = value.slice(0, 1024);
  const header: HstsHeader = { raw, includeSubDomains: false, preload: false };
  if (raw.includes(',')) return { ...header, invalid: 'en-tête envoyé plusieurs fois' };
  for (const parameter of raw.split(';').map((p) => p.trim().toLowerCase())) {
    if (parameter.startsWith('max-age=')) {
      const text = parameter.slice(8, 128).replace(/^"(.*)"$/, '$1');
      if (!/^\d+$/.test(text)) return { ...header, invalid: `max-age illisible (« ${text} »)` };
      header.maxAge = Number(text);
    } else if (parameter === 'includesubdomains') header.includeSubDomains = true;
    else if (parameter === 'preload') header.preload = true;
  }
  if (header.maxAge === undefined) return { ...header, invalid: 'max-age absent' };
  return header;
}

export interface HstsAnalysis {
  result: HstsResult;
  pass: boolean;
  /** The header as the https landing page sent it, read even when the certificate is invalid. */
  header?: HstsHeader;
  /** Whether https gave a page at all. */
  https: boolean;
  verified: boolean;
}

/**
 * The Observatory's HSTS test on the https chain. No preload list is consulted (Vigie runs offline), so
 * `hsts-preloaded` never comes out.
 */
export function analyzeHsts(https: Chain): HstsAnalysis {
  const verified = chainVerified(https);
  if (!https.final) return { result: 'hsts-not-implemented-no-https', pass: false, https: false, verified };
  const value = headerValues(https.final.headers, 'strict-transport-security')[0];
  const header = value === undefined ? undefined : parseHsts(value);
  let result: HstsResult;
  if (!verified) result = 'hsts-invalid-cert';
  else if (!header) result = 'hsts-not-implemented';
  else if (header.invalid) result = 'hsts-header-invalid';
  else if (header.maxAge! < SIX_MONTHS_SECONDS) result = 'hsts-implemented-max-age-less-than-six-months';
  else result = 'hsts-implemented-max-age-at-least-six-months';
  return {
    result,
    pass: result === 'hsts-implemented-max-age-at-least-six-months',
    header,
    https: true,
    verified,
  };
}
