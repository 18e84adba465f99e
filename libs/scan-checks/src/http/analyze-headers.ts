import type { CspAnalysis } from './analyze-csp';
import type { ResultOf } from './grading';
import { firstHeader, type Headers, headerValues } from './observation';

/** The result a known token maps to, or the invalid result. */
function lookup<R extends string>(known: Record<string, R>, token: string | undefined, invalid: R): R {
  return token !== undefined && Object.hasOwn(known, token) ? known[token] : invalid;
}

export interface HeaderAnalysis<R> {
  result: R;
  pass: boolean;
  /** The value read, when there was one. */
  value?: string;
}

export function analyzeContentTypeOptions(
  headers: Headers,
): HeaderAnalysis<ResultOf<'x-content-type-options'>> {
  const value = firstHeader(headers, 'x-content-type-options')?.slice(0, 256);
  if (!value) return { result: 'x-content-type-options-not-implemented', pass: false };
  const nosniff = value.trim().toLowerCase() === 'nosniff';
  return {
    result: nosniff ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid',
    pass: nosniff,
    value,
  };
}

/**
 * X-Frame-Options, superseded by a frame-ancestors directive in the CSP header. Deliberate difference: only the
 * header policy counts, since browsers ignore frame-ancestors in `<meta>` (the Observatory 1.4.8 counts both).
 */
export function analyzeFrameOptions(
  headers: Headers,
  csp: CspAnalysis,
): HeaderAnalysis<ResultOf<'x-frame-options'>> & { viaCsp: boolean; headerProtects: boolean } {
  const value = firstHeader(headers, 'x-frame-options')?.slice(0, 1024);
  let result: ResultOf<'x-frame-options'> = 'x-frame-options-not-implemented';
  if (value) {
    const xfo = value.trim().toLowerCase();
    if (xfo === 'deny' || xfo === 'sameorigin') result = 'x-frame-options-sameorigin-or-deny';
    else if (xfo.startsWith('allow-from')) result = 'x-frame-options-allow-from-origin';
    else result = 'x-frame-options-header-invalid';
  }
  const headerProtects =
    result === 'x-frame-options-sameorigin-or-deny' || result === 'x-frame-options-allow-from-origin';
  const viaCsp = csp.directives !== undefined && csp.headerDirectives?.has('frame-ancestors') === true;
  if (viaCsp) result = 'x-frame-options-implemented-via-csp';
  return { result, pass: headerProtects || viaCsp, value, viaCsp, headerProtects };
}

const PRIVATE_REFERRERS = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const UNSAFE_REFERRERS = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];

/** Header values then `<meta name="referrer">`; the last policy a browser knows wins. */
export function analyzeReferrerPolicy(
  headers: Headers,
  metaReferrer: string[],
): HeaderAnalysis<ResultOf<'referrer-policy'>> {
  const declared = [...headerValues(headers, 'referrer-policy'), ...metaReferrer];
  if (declared.length === 0) return { result: 'referrer-policy-not-implemented', pass: true };
  const value = declared.join(', ');
  const policy = value
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => PRIVATE_REFERRERS.includes(token) || UNSAFE_REFERRERS.includes(token))
    .pop();
  if (policy && PRIVATE_REFERRERS.includes(policy))
    return { result: 'referrer-policy-private', pass: true, value };
  if (policy) return { result: 'referrer-policy-unsafe', pass: false, value };
  return { result: 'referrer-policy-header-invalid', pass: false, value };
}

export function analyzeResourcePolicy(
  headers: Headers,
): HeaderAnalysis<ResultOf<'cross-origin-resource-policy'>> {
  const raw = firstHeader(headers, 'cross-origin-resource-policy');
  if (!raw) return { result: 'corp-not-implemented', pass: true };
  const value = raw.slice(0, 256).trim().toLowerCase();
  const known = {
    'same-site': 'corp-implemented-with-same-site',
    'same-origin': 'corp-implemented-with-same-origin',
    'cross-origin': 'corp-implemented-with-cross-origin',
  } as const;
  const result = lookup<ResultOf<'cross-origin-resource-policy'>>(known, value, 'corp-header-invalid');
  return { result, pass: result !== 'corp-header-invalid', value };
}

/** A structured-field token, parameters (`; report-to=...`) dropped; undefined when sent twice. */
function policyToken(headers: Headers, name: string): { value?: string; token?: string; repeated: boolean } {
  const values = headerValues(headers, name);
  if (values.length === 0) return { repeated: false };
  const value = values[0].slice(0, 1024).trim();
  return {
    value,
    token: value.includes(',') ? undefined : value.split(';')[0].trim(),
    repeated: value.includes(','),
  };
}

/** Reported, not scored (see grading.ts). */
export function analyzeOpenerPolicy(
  headers: Headers,
): HeaderAnalysis<ResultOf<'cross-origin-opener-policy'>> {
  const { value, token } = policyToken(headers, 'cross-origin-opener-policy');
  if (value === undefined) return { result: 'coop-not-implemented', pass: true };
  const known = {
    'same-origin': 'coop-implemented-with-same-origin',
    'same-origin-allow-popups': 'coop-implemented-with-same-origin-allow-popups',
    'noopener-allow-popups': 'coop-implemented-with-noopener-allow-popups',
    'unsafe-none': 'coop-implemented-with-unsafe-none',
  } as const;
  const result = lookup<ResultOf<'cross-origin-opener-policy'>>(known, token, 'coop-header-invalid');
  return { result, pass: result !== 'coop-header-invalid', value };
}

/** Reported, not scored (see grading.ts). */
export function analyzeEmbedderPolicy(
  headers: Headers,
): HeaderAnalysis<ResultOf<'cross-origin-embedder-policy'>> {
  const { value, token } = policyToken(headers, 'cross-origin-embedder-policy');
  if (value === undefined) return { result: 'coep-not-implemented', pass: true };
  const known = {
    'require-corp': 'coep-implemented-with-require-corp',
    credentialless: 'coep-implemented-with-credentialless',
    'unsafe-none': 'coep-implemented-with-unsafe-none',
  } as const;
  const result = lookup<ResultOf<'cross-origin-embedder-policy'>>(known, token, 'coep-header-invalid');
  return { result, pass: result !== 'coep-header-invalid', value };
}

export interface CorsAnalysis extends HeaderAnalysis<ResultOf<'cross-origin-resource-sharing'>> {
  /** The origin sent was echoed back: any site is allowed. */
  reflected: boolean;
  credentials: boolean;
  wildcard: boolean;
}

/**
 * CORS as seen by a request carrying an Origin from a site nobody would allow. Universal access (the grade's
 * −50) is the origin reflected with credentials; `*` is public access, harmless for the grade.
 */
export function analyzeCors(cors: { origin: string; headers: Headers } | undefined): CorsAnalysis {
  const acao = firstHeader(cors?.headers, 'access-control-allow-origin');
  const credentials =
    firstHeader(cors?.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  if (!cors || !acao)
    return {
      result: 'cross-origin-resource-sharing-not-implemented',
      pass: true,
      reflected: false,
      credentials,
      wildcard: false,
    };
  const value = acao.slice(0, 256).trim().toLowerCase();
  const wildcard = value === '*';
  const reflected = acao === cors.origin;
  const result = wildcard
    ? 'cross-origin-resource-sharing-implemented-with-public-access'
    : reflected && credentials
      ? 'cross-origin-resource-sharing-implemented-with-universal-access'
      : 'cross-origin-resource-sharing-implemented-with-restricted-access';
  return {
    result,
    pass: result !== 'cross-origin-resource-sharing-implemented-with-universal-access',
    value,
    reflected,
    credentials,
    wildcard,
  };
}
