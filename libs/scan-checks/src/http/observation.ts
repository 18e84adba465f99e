/** Response headers as Node gives them: lower-case names, repeated headers joined (set-cookie kept apart). */
export type Headers = Record<string, string | string[] | undefined>;

/** One answer in a chain of redirects. */
export interface Hop {
  url: string;
  status: number;
  headers: Headers;
  /** The address actually connected to, after the network guard. */
  address: string;
  /** https only: whether the certificate chain and name checked out. */
  tls?: { authorized: boolean; authorizationError?: string };
}

export type ChainFailureKind = 'refused' | 'error' | 'too_many_redirects';

/** Why a chain stopped before a page: the guard refused the next hop, the hop failed, or it kept redirecting. */
export interface ChainFailure {
  url: string;
  kind: ChainFailureKind;
  message: string;
}

/** What fetching one URL and following its redirects yielded. */
export interface Chain {
  start: string;
  hops: Hop[];
  /** The page the chain landed on (an answer that is not a followed redirect). */
  final?: Hop & { body: string };
  failure?: ChainFailure;
}

/** Everything the HTTP checks read: both chains and the answer to a cross-origin request. */
export interface HttpObservation {
  /** The host as the user registered it (display, and the site of scripts for SRI). */
  host: string;
  http: Chain;
  https: Chain;
  /** The landing page fetched again with an `Origin` header from an unknown site. */
  cors?: { origin: string; headers: Headers };
}

export function headerValues(headers: Headers | undefined, name: string): string[] {
  const value = headers?.[name.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function firstHeader(headers: Headers | undefined, name: string): string | undefined {
  return headerValues(headers, name)[0];
}

/** Every certificate met on the way was valid: a chain through a bad certificate cannot carry HSTS. */
export function chainVerified(chain: Chain): boolean {
  return chain.hops.every((hop) => hop.tls === undefined || hop.tls.authorized);
}

/** The URLs a chain went through, including the hop it was stopped at (refused or failed). */
export function routeOf(chain: Chain): string[] {
  const urls = chain.hops.map((hop) => hop.url);
  if (chain.failure && chain.failure.kind !== 'too_many_redirects' && urls.length > 0)
    urls.push(chain.failure.url);
  return urls;
}

/** The page the grade reads, as a browser would land: https when it answers, plain http otherwise. */
export function landingChain(observation: HttpObservation): Chain | undefined {
  if (observation.https.final) return observation.https;
  if (observation.http.final) return observation.http;
  return undefined;
}
