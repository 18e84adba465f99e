import type { BlockList } from 'node:net';
import { guardedGet, NetworkPolicyError, type Resolver } from '@vigie/net-guard';
import { type Chain, firstHeader } from './observation';

export interface ChainOptions {
  allowed?: BlockList;
  resolver?: Resolver;
  timeoutMs: number;
  maxRedirects: number;
  maxBytes: number;
  /** Trust anchors replacing the system's (tests). */
  ca?: string | Buffer;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Accept header of a browser asking for a page, as the Observatory sends it: some servers vary on it. */
export const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * GETs a URL and follows its redirects one hop at a time, each hop resolved and judged again by the network
 * guard: a public site that redirects to 10.0.0.1, or to a name that resolves to 169.254.169.254, is stopped
 * before any connection and the refusal is recorded. Certificates are checked but not enforced, so a site with
 * a bad certificate is still graded; each hop records whether its certificate checked out.
 */
export async function fetchChain(start: string, options: ChainOptions): Promise<Chain> {
  const chain: Chain = { start, hops: [] };
  let url = start;
  for (let followed = 0; ; followed++) {
    options.signal?.throwIfAborted();
    let response;
    try {
      response = await guardedGet(url, {
        allowed: options.allowed,
        resolver: options.resolver,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes,
        headers: { Accept: PAGE_ACCEPT, ...options.headers },
        ca: options.ca,
        rejectUnauthorized: false,
      });
    } catch (error) {
      chain.failure = {
        url,
        kind: error instanceof NetworkPolicyError ? 'refused' : 'error',
        message: (error as Error).message || String(error),
      };
      return chain;
    }
    const hop = {
      url,
      status: response.status,
      headers: response.headers,
      address: response.address,
      ...(response.tls ? { tls: response.tls } : {}),
    };
    chain.hops.push(hop);
    const location = firstHeader(response.headers, 'location');
    const next =
      REDIRECT_STATUSES.has(response.status) && location ? resolveLocation(location, url) : undefined;
    if (!next) {
      chain.final = { ...hop, body: response.body };
      return chain;
    }
    if (followed >= options.maxRedirects) {
      chain.failure = {
        url: next,
        kind: 'too_many_redirects',
        message: `more than ${options.maxRedirects} redirects`,
      };
      return chain;
    }
    url = next;
  }
}

function resolveLocation(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}

/**
 * One GET without following redirects, for the CORS probe: the landing page asked again with an `Origin`
 * header. Undefined when it fails: CORS is then read as not implemented.
 */
export async function fetchHeadersWith(
  url: string,
  headers: Record<string, string>,
  options: ChainOptions,
): Promise<Chain['hops'][number]['headers'] | undefined> {
  options.signal?.throwIfAborted();
  try {
    const response = await guardedGet(url, {
      allowed: options.allowed,
      resolver: options.resolver,
      timeoutMs: options.timeoutMs,
      maxBytes: 1024,
      headers: { Accept: PAGE_ACCEPT, ...headers },
      ca: options.ca,
      rejectUnauthorized: false,
    });
    return response.headers;
  } catch {
    return undefined;
  }
}
