import { DomainError, ErrorCode } from '@vigie/common';
import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request provably comes from a page of this very site. Browsers attach cached HTTP
 * Basic credentials to any request, including a form another site posts: such a request must prove where it
 * comes from. Browsers send `Sec-Fetch-Site` (which pages cannot forge) and `Origin` on every POST; a client
 * that sends neither (a script) may send `X-Requested-With`, a header no form can set and no other site can
 * send without a CORS preflight.
 */
function provesSameOrigin(req: Request): boolean {
  const fetchSite = req.header('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = req.header('origin');
  if (origin) {
    try {
      // Hosts only: behind a TLS-terminating proxy the scheme the API sees is not the one the browser used.
      return new URL(origin).host === req.host;
    } catch {
      return false;
    }
  }
  return req.header('x-requested-with') !== undefined;
}

/** Refuses (403 `access.cross_site_request`) a state-changing request that does not prove it is same-origin. */
export function assertSameOriginWrite(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase()) || provesSameOrigin(req)) return;
  throw new DomainError(
    ErrorCode.AccessCrossSiteRequest,
    'Cross-site request refused: changes come from the dashboard itself (same origin), or send X-Requested-With',
  );
}
