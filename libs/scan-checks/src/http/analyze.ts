import { analyzeCookies, type CookiesAnalysis } from './analyze-cookies';
import { analyzeCsp, type CspAnalysis } from './analyze-csp';
import {
  analyzeContentTypeOptions,
  analyzeCors,
  analyzeEmbedderPolicy,
  analyzeFrameOptions,
  analyzeOpenerPolicy,
  analyzeReferrerPolicy,
  analyzeResourcePolicy,
} from './analyze-headers';
import { analyzeSri } from './analyze-sri';
import { analyzeHsts, analyzeRedirection } from './analyze-transport';
import { cookiesOf } from './cookies';
import { type ExpectationOutcome, outcome } from './grading';
import { type Hop, type HttpObservation, landingChain } from './observation';
import { metaPolicies } from './page';

/** Every test's analysis of one observation, and the outcomes the grade is computed from. */
export interface HttpAnalysis {
  /** The page the header tests read: https when it answered, plain http otherwise. */
  landing: Hop & { body: string };
  /** Whether that page was reached starting from https. */
  secure: boolean;
  csp: CspAnalysis;
  cookies: CookiesAnalysis;
  cors: ReturnType<typeof analyzeCors>;
  redirection: ReturnType<typeof analyzeRedirection>;
  referrer: ReturnType<typeof analyzeReferrerPolicy>;
  hsts: ReturnType<typeof analyzeHsts>;
  sri: ReturnType<typeof analyzeSri>;
  contentTypeOptions: ReturnType<typeof analyzeContentTypeOptions>;
  frameOptions: ReturnType<typeof analyzeFrameOptions>;
  resourcePolicy: ReturnType<typeof analyzeResourcePolicy>;
  openerPolicy: ReturnType<typeof analyzeOpenerPolicy>;
  embedderPolicy: ReturnType<typeof analyzeEmbedderPolicy>;
  /** In the Observatory's order, then the informational tests. */
  expectations: ExpectationOutcome[];
}

/** Runs the tests on what was fetched; undefined when neither scheme gave a page. */
export function analyzeObservation(observation: HttpObservation): HttpAnalysis | undefined {
  const chain = landingChain(observation);
  if (!chain?.final) return undefined;
  const landing = chain.final;
  const secure = new URL(chain.start).protocol === 'https:';
  const headers = landing.headers;
  const meta = metaPolicies(landing);
  const csp = analyzeCsp(headers, meta.csp, secure);
  const hsts = analyzeHsts(observation.https);
  const a = {
    landing,
    secure,
    csp,
    cookies: analyzeCookies(cookiesOf(chain), landing, hsts.pass),
    cors: analyzeCors(observation.cors),
    redirection: analyzeRedirection(observation.http),
    referrer: analyzeReferrerPolicy(headers, meta.referrer),
    hsts,
    sri: analyzeSri(landing, observation.host, secure),
    contentTypeOptions: analyzeContentTypeOptions(headers),
    frameOptions: analyzeFrameOptions(headers, csp),
    resourcePolicy: analyzeResourcePolicy(headers),
    openerPolicy: analyzeOpenerPolicy(headers),
    embedderPolicy: analyzeEmbedderPolicy(headers),
  };
  const expectations: ExpectationOutcome[] = [
    outcome('content-security-policy', a.csp.result, a.csp.pass),
    outcome('cookies', a.cookies.result, a.cookies.pass),
    outcome('cross-origin-resource-sharing', a.cors.result, a.cors.pass),
    outcome('redirection', a.redirection.result, a.redirection.pass),
    outcome('referrer-policy', a.referrer.result, a.referrer.pass),
    outcome('strict-transport-security', a.hsts.result, a.hsts.pass),
    outcome('subresource-integrity', a.sri.result, a.sri.pass),
    outcome('x-content-type-options', a.contentTypeOptions.result, a.contentTypeOptions.pass),
    outcome('x-frame-options', a.frameOptions.result, a.frameOptions.pass),
    outcome('cross-origin-resource-policy', a.resourcePolicy.result, a.resourcePolicy.pass),
    outcome('cross-origin-opener-policy', a.openerPolicy.result, a.openerPolicy.pass),
    outcome('cross-origin-embedder-policy', a.embedderPolicy.result, a.embedderPolicy.pass),
  ];
  return { ...a, expectations };
}
