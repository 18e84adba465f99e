import { isIP } from 'node:net';
import { type Chain, headerValues } from './observation';

export interface ParsedCookie {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** strict, lax or none; undefined when absent or not one of those. */
  sameSite?: 'strict' | 'lax' | 'none';
  /** The raw SameSite value, when the attribute was there (invalid values included). */
  sameSiteRaw?: string;
  /** Where it was set. */
  url: string;
}

function defaultPath(pathname: string): string {
  if (!pathname.startsWith('/') || pathname.lastIndexOf('/') === 0) return '/';
  return pathname.slice(0, pathname.lastIndexOf('/'));
}

function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return isIP(host) === 0 && host.endsWith(`.${domain}`);
}

/** One Set-Cookie line as a browser's cookie store reads it; undefined when a browser would drop it. */
export function parseSetCookie(line: string, url: string): ParsedCookie | undefined {
  const [pair, ...attributes] = line.split(';');
  const equals = pair.indexOf('=');
  if (equals === -1) return undefined;
  const name = pair.slice(0, equals).trim();
  if (!name) return undefined;
  const { hostname, pathname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const cookie: ParsedCookie = {
    name,
    domain: host,
    path: defaultPath(pathname),
    secure: false,
    httpOnly: false,
    url,
  };
  let domainAttribute: string | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? '' : attribute.slice(at + 1).trim();
    if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'domain' && value) domainAttribute = value.replace(/^\./, '').toLowerCase();
    else if (key === 'samesite') {
      cookie.sameSiteRaw = value;
      const lower = value.toLowerCase();
      cookie.sameSite = lower === 'strict' || lower === 'lax' || lower === 'none' ? lower : undefined;
    }
  }
  if (domainAttribute !== undefined) {
    // A cookie for another site is rejected by the browser: it tells nothing about this one.
    if (!domainMatches(host, domainAttribute)) return undefined;
    cookie.domain = domainAttribute;
  }
  // Prefixes the browser enforces (RFC 6265bis): a cookie breaking them is never stored.
  if (name.startsWith('__Secure-') && !cookie.secure) return undefined;
  if (name.startsWith('__Host-') && (!cookie.secure || domainAttribute !== undefined || cookie.path !== '/'))
    return undefined;
  return cookie;
}

/**
 * The cookies a browser would hold after following a chain: each hop's Set-Cookie lines, a later cookie
 * replacing an earlier one with the same name, domain and path.
 */
export function cookiesOf(chain: Chain): ParsedCookie[] {
  const jar = new Map<string, ParsedCookie>();
  for (const hop of chain.hops)
    for (const line of headerValues(hop.headers, 'set-cookie')) {
      const cookie = parseSetCookie(line, hop.url);
      if (cookie) jar.set(`${cookie.name}\u0000${cookie.domain}\u0000${cookie.path}`, cookie);
    }
  return [...jar.values()];
}

/** The Observatory's heuristics: a session or login cookie by its name, an anti-CSRF token likewise. */
export const isSessionCookie = (cookie: ParsedCookie) => /login|sess/i.test(cookie.name);
export const isAntiCsrfCookie = (cookie: ParsedCookie) => /csrf/i.test(cookie.name);
