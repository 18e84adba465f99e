import { CspSyntaxError, parseCsp, parseCspMeta, type ParsedCsp } from './csp-parser';
import type { ResultOf } from './grading';
import { firstHeader, type Headers, headerValues } from './observation';

type CspResult = ResultOf<'content-security-policy'>;

/** What is wrong or right in the policy, beyond the single result the grade keeps. */
export interface CspPolicyFlags {
  unsafeInline: boolean;
  unsafeEval: boolean;
  insecureSchemeActive: boolean;
  insecureSchemePassive: boolean;
  unsafeInlineStyle: boolean;
  defaultNone: boolean;
  /** frame-ancestors (header only) restricts framing. */
  antiClickjacking: boolean;
  insecureBaseUri: boolean;
  insecureFormAction: boolean;
  unsafeObjects: boolean;
  strictDynamic: boolean;
}

export interface CspAnalysis {
  result: CspResult;
  pass: boolean;
  /** The combined policy (header and meta), when one was read. */
  directives?: Map<string, Set<string>>;
  /** The header policy alone: frame-ancestors counts only there. */
  headerDirectives?: Map<string, Set<string>>;
  flags?: CspPolicyFlags;
  /** Why the policy could not be read. */
  syntaxError?: string;
}

export const DANGEROUSLY_BROAD = new Set([
  'ftp:',
  'http:',
  'https:',
  '*',
  'http://*',
  'http://*.*',
  'https://*',
  'https://*.*',
]);
export const UNSAFE_INLINE = new Set(["'unsafe-inline'", 'data:']);
const BROAD_OR_INLINE = new Set([...DANGEROUSLY_BROAD, ...UNSAFE_INLINE]);
const PASSIVE_DIRECTIVES = new Set(['img-src', 'media-src']);
const NONCES_AND_HASHES = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"];
const PASSING: CspResult[] = [
  'csp-implemented-with-no-unsafe',
  'csp-implemented-with-no-unsafe-default-src-none',
  'csp-implemented-with-unsafe-inline-in-style-src-only',
  'csp-implemented-with-insecure-scheme-in-passive-content-only',
];

const hasNonceOrHash = (sources: Set<string>) =>
  [...sources].some((source) => NONCES_AND_HASHES.some((prefix) => source.startsWith(prefix)));
const insecureScheme = (source: string) => source.startsWith('http:') || source.startsWith('ftp:');

function tryParse(parse: () => ParsedCsp): ParsedCsp | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/**
 * The Observatory's CSP test: the first problem found, in its order of gravity, is the result; the flags keep
 * every problem for the finding. `secure` is whether the landing page was reached over https.
 */
export function analyzeCsp(headers: Headers, metaPolicies: string[], secure: boolean): CspAnalysis {
  const headerPolicies = headerValues(headers, 'content-security-policy');
  let combined: ParsedCsp;
  try {
    combined = parseCsp([...headerPolicies, ...metaPolicies]);
  } catch (error) {
    if (!(error instanceof CspSyntaxError) && !(error instanceof URIError)) throw error;
    return { result: 'csp-header-invalid', pass: false, syntaxError: error.message };
  }
  const headerOnly = tryParse(() => parseCsp(headerPolicies))?.directives ?? new Map<string, Set<string>>();
  const metaOnly = tryParse(() => parseCspMeta(metaPolicies))?.directives ?? new Map<string, Set<string>>();
  if (headerOnly.size + metaOnly.size === 0) {
    const reportOnly = firstHeader(headers, 'content-security-policy-report-only');
    return {
      result: reportOnly ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented',
      pass: false,
    };
  }
  const csp = combined.directives;
  const any = () => new Set(['*']);
  const frameAncestors = headerOnly.get('frame-ancestors') ?? any();
  const baseUri = csp.get('base-uri') ?? any();
  const formAction = csp.get('form-action') ?? any();
  // Deliberately the same Set objects as in `csp`: removing a neutralised 'unsafe-inline' from script-src
  // also removes it from default-src when script-src falls back to it, as the Observatory does.
  const objectSrc = csp.get('object-src') ?? csp.get('default-src') ?? any();
  const scriptSrc = csp.get('script-src') ?? csp.get('default-src') ?? any();
  const styleSrc = csp.get('style-src') ?? csp.get('default-src') ?? any();
  let result: CspResult | undefined;

  // Browsers ignore 'unsafe-inline' when a nonce or a hash is present.
  for (const sources of [scriptSrc, styleSrc])
    if (hasNonceOrHash(sources) && sources.has("'unsafe-inline'")) sources.delete("'unsafe-inline'");
  let strictDynamic = false;
  if (hasNonceOrHash(scriptSrc) && scriptSrc.has("'strict-dynamic'")) {
    // With 'strict-dynamic', browsers ignore host sources, schemes, 'self' and 'unsafe-inline'.
    for (const source of [...scriptSrc])
      if (
        [...DANGEROUSLY_BROAD].some((broad) => source.startsWith(broad)) ||
        source === "'self'" ||
        source === "'unsafe-inline'"
      )
        scriptSrc.delete(source);
    strictDynamic = true;
  } else if (scriptSrc.has("'strict-dynamic'")) {
    result = 'csp-header-invalid';
  }

  const active = [...csp]
    .filter(([directive]) => !PASSIVE_DIRECTIVES.has(directive) && directive !== 'script-src')
    .flatMap(([, sources]) => [...sources])
    .concat([...scriptSrc]);
  const passive = [...PASSIVE_DIRECTIVES].flatMap((d) => [...(csp.get(d) ?? csp.get('default-src') ?? [])]);
  const flags: CspPolicyFlags = {
    unsafeInline:
      [...scriptSrc].some((s) => BROAD_OR_INLINE.has(s)) ||
      [...objectSrc].some((s) => DANGEROUSLY_BROAD.has(s)),
    insecureSchemeActive: secure && active.some(insecureScheme),
    unsafeEval: scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'"),
    insecureSchemePassive: secure && passive.some(insecureScheme),
    unsafeInlineStyle: [...styleSrc].some((s) => BROAD_OR_INLINE.has(s)),
    defaultNone: csp.get('default-src')?.has("'none'") === true && csp.get('default-src')?.size === 1,
    antiClickjacking: ![...frameAncestors].some((s) => DANGEROUSLY_BROAD.has(s)),
    insecureBaseUri: [...baseUri].some((s) => BROAD_OR_INLINE.has(s)),
    insecureFormAction: [...formAction].some((s) => DANGEROUSLY_BROAD.has(s)),
    unsafeObjects: [...objectSrc].some((s) => DANGEROUSLY_BROAD.has(s)),
    strictDynamic,
  };
  if (flags.unsafeInline) result ??= 'csp-implemented-with-unsafe-inline';
  if (flags.insecureSchemeActive) result ??= 'csp-implemented-with-insecure-scheme';
  if (flags.unsafeEval) result ??= 'csp-implemented-with-unsafe-eval';
  if (flags.insecureSchemePassive) result ??= 'csp-implemented-with-insecure-scheme-in-passive-content-only';
  if (flags.unsafeInlineStyle) result ??= 'csp-implemented-with-unsafe-inline-in-style-src-only';
  result ??= flags.defaultNone
    ? 'csp-implemented-with-no-unsafe-default-src-none'
    : 'csp-implemented-with-no-unsafe';

  const pass = PASSING.includes(result);
  if (pass && combined.duplicateReportDirectives) result = 'csp-implemented-but-duplicate-directives';
  return { result, pass, directives: csp, headerDirectives: headerOnly, flags };
}
