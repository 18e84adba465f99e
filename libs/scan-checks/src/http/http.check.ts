import type { BlockList } from 'node:net';
import type { Resolver } from '@vigie/net-guard';
import type { CheckFinding } from '../finding';
import { analyzeObservation } from './analyze';
import { type ChainOptions, fetchChain, fetchHeadersWith } from './fetch-chain';
import { cspFinding, securityHeadersFinding } from './findings-content';
import { cookiesFinding, corsFinding, versionDisclosureFinding } from './findings-exposure';
import { hstsFinding, redirectFinding } from './findings-transport';
import { gradeHttp, type HttpGrade } from './grading';
import { HttpCheckError } from './http-check-error';
import { type ChainFailure, type HttpObservation, landingChain, routeOf } from './observation';
import { parseOrigin } from './origin';

/** Sent as `Origin` to see whether the site hands its responses to any site. `.invalid` never resolves. */
export const CORS_PROBE_ORIGIN = 'https://vigie-probe.invalid';

export interface HttpCheckOptions {
  /** SCAN_ALLOWED_NETWORKS, for the network guard. */
  allowed?: BlockList;
  resolver?: Resolver;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Redirects followed per scheme. Default 5. */
  maxRedirects?: number;
  /** Ports to try instead of 80 / 443 or the port in `origin` (tests). */
  httpPort?: number;
  httpsPort?: number;
  /** Trust anchors replacing the system's (tests with a private CA). */
  ca?: string | Buffer;
  /** Target of the findings; the host (and port given) by default. */
  label?: string;
  /** Bytes of the landing page read for `<meta>` policies and scripts. Default 512 KiB. */
  maxBodyBytes?: number;
  /** Checked before each request: an aborted scan stops between hops. */
  signal?: AbortSignal;
}

export interface HttpCheckResult {
  target: string;
  findings: CheckFinding[];
  grade: HttpGrade;
  /** The page graded. */
  landingUrl: string;
  /** The URLs each scheme went through, stopped hops included. */
  routes: { http: string[]; https: string[] };
  /** Why a chain stopped early: above all, redirects the network guard refused to follow. */
  interruptions: ChainFailure[];
}

/**
 * The HTTP configuration of one web origin: fetches http:// and https:// through the network guard (every
 * redirect hop judged again), grades the headers as the MDN HTTP Observatory does and reports, in French,
 * http.redirect_https, http.hsts, http.csp, http.security_headers, http.cookies, http.cors and
 * http.version_disclosure. Throws HttpCheckError when there is no page to read.
 */
export async function checkHttp(origin: string, options: HttpCheckOptions = {}): Promise<HttpCheckResult> {
  const parsed = parseOrigin(origin, options);
  const chainOptions: ChainOptions = {
    allowed: options.allowed,
    resolver: options.resolver,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRedirects: options.maxRedirects ?? 5,
    maxBytes: options.maxBodyBytes ?? 512 * 1024,
    ca: options.ca,
    signal: options.signal,
  };
  const [http, https] = await Promise.all([
    fetchChain(parsed.httpUrl, chainOptions),
    fetchChain(parsed.httpsUrl, chainOptions),
  ]);
  const observation: HttpObservation = { host: parsed.host, http, https };
  // A scheme that does not answer at all is normal (no port 80); a chain stopped midway is worth saying.
  const interruptions = [http, https]
    .filter((chain) => chain.failure && (chain.failure.kind !== 'error' || chain.hops.length > 0))
    .map((chain) => chain.failure!);
  const landing = landingChain(observation)?.final;
  if (!landing) {
    const refusedOutright = [http, https].every((c) => c.hops.length === 0 && c.failure?.kind === 'refused');
    const why = (chain: typeof http) =>
      `${chain.failure?.kind}: ${chain.failure?.url}: ${chain.failure?.message}`;
    throw new HttpCheckError(
      refusedOutright ? 'refused' : 'unreachable',
      `no page to read at ${parsed.httpUrl} (${why(http)}) nor at ${parsed.httpsUrl} (${why(https)})`,
      interruptions,
    );
  }
  if ((landing.status < 200 || landing.status >= 400) && landing.status !== 401 && landing.status !== 403)
    throw new HttpCheckError(
      'unexpected_status',
      `${landing.url} answered HTTP ${landing.status}: an error page says nothing reliable about the site's headers`,
    );
  const corsHeaders = await fetchHeadersWith(landing.url, { Origin: CORS_PROBE_ORIGIN }, chainOptions);
  if (corsHeaders) observation.cors = { origin: CORS_PROBE_ORIGIN, headers: corsHeaders };

  const analysis = analyzeObservation(observation)!;
  const target = options.label ?? parsed.display;
  const findings = [
    redirectFinding(analysis, http, target),
    hstsFinding(analysis, https, target),
    cspFinding(analysis, target),
    securityHeadersFinding(analysis, target),
    cookiesFinding(analysis, target),
    corsFinding(analysis, CORS_PROBE_ORIGIN, target),
    versionDisclosureFinding(observation, target),
  ].filter((finding): finding is CheckFinding => finding !== undefined);
  return {
    target,
    findings,
    grade: gradeHttp(analysis.expectations),
    landingUrl: landing.url,
    routes: { http: routeOf(http), https: routeOf(https) },
    interruptions,
  };
}
