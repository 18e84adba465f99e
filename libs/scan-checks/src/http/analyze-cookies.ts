import { isAntiCsrfCookie, isSessionCookie, type ParsedCookie } from './cookies';
import type { ResultOf } from './grading';
import { type Hop, headerValues } from './observation';

type CookiesResult = ResultOf<'cookies'>;

export type CookieProblem =
  | 'session-without-secure'
  | 'session-without-httponly'
  | 'without-secure'
  | 'samesite-invalid'
  | 'samesite-none-without-secure'
  | 'anticsrf-without-samesite'
  | 'session-without-samesite';

export interface CookiesAnalysis {
  result: CookiesResult;
  pass: boolean;
  cookies: ParsedCookie[];
  /** Per cookie name, what is wrong with it. */
  problems: Map<string, CookieProblem[]>;
  /** HSTS protects cookies without Secure from being sent over plain http (after the first visit). */
  protectedByHsts: boolean;
}

/** Best to worst, as the Observatory ranks them: the worst problem met is the result. */
const WORSE: CookiesResult[] = [
  'cookies-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-samesite-flag-invalid',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
];

const worst = (next: CookiesResult, current: CookiesResult | undefined) =>
  current === undefined || WORSE.indexOf(next) > WORSE.indexOf(current) ? next : current;

/** A SameSite attribute with no value or an unknown one, read on the raw header as the Observatory does. */
function invalidSameSite(line: string): boolean {
  return line.split(';').some((part) => {
    const [key, value] = part.trim().split('=');
    if (key.trim().toLowerCase() !== 'samesite') return false;
    return !value || !['lax', 'strict', 'none'].includes(value.trim().toLowerCase());
  });
}

/** The Observatory's cookie test over the cookies of the landing chain; `hsts` is whether HSTS passed. */
export function analyzeCookies(cookies: ParsedCookie[], landing: Hop, hsts: boolean): CookiesAnalysis {
  let result: CookiesResult | undefined;
  const problems = new Map<string, CookieProblem[]>();
  const note = (cookie: ParsedCookie, problem: CookieProblem) =>
    problems.set(cookie.name, [...new Set([...(problems.get(cookie.name) ?? []), problem])]);
  if (headerValues(landing.headers, 'set-cookie').some(invalidSameSite))
    result = worst('cookies-samesite-flag-invalid', result);
  let missingSameSite = false;
  for (const cookie of cookies) {
    const session = isSessionCookie(cookie);
    if (cookie.sameSiteRaw !== undefined && cookie.sameSite === undefined) note(cookie, 'samesite-invalid');
    const noneWithoutSecure = !cookie.secure && cookie.sameSite === 'none';
    if (noneWithoutSecure) {
      result = worst('cookies-samesite-flag-invalid', result);
      note(cookie, 'samesite-none-without-secure');
    }
    if (!cookie.secure) {
      result = worst(
        hsts ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag',
        result,
      );
      if (!session && !noneWithoutSecure) note(cookie, 'without-secure');
    }
    if (isAntiCsrfCookie(cookie) && !cookie.sameSite) {
      result = worst('cookies-anticsrf-without-samesite-flag', result);
      note(cookie, 'anticsrf-without-samesite');
    }
    if (session && !cookie.secure) {
      result = worst(
        hsts
          ? 'cookies-session-without-secure-flag-but-protected-by-hsts'
          : 'cookies-session-without-secure-flag',
        result,
      );
      note(cookie, 'session-without-secure');
    }
    if (session && !cookie.httpOnly) {
      result = worst('cookies-session-without-httponly-flag', result);
      note(cookie, 'session-without-httponly');
    }
    if (session && !cookie.sameSite && !isAntiCsrfCookie(cookie)) note(cookie, 'session-without-samesite');
    if (!cookie.sameSite) missingSameSite = true;
  }
  if (cookies.length === 0) result = 'cookies-not-found';
  result ??= missingSameSite
    ? 'cookies-secure-with-httponly-sessions'
    : 'cookies-secure-with-httponly-sessions-and-samesite';
  const pass = (
    [
      'cookies-not-found',
      'cookies-secure-with-httponly-sessions-and-samesite',
      'cookies-secure-with-httponly-sessions',
    ] as CookiesResult[]
  ).includes(result);
  return { result, pass, cookies, problems, protectedByHsts: hsts };
}
