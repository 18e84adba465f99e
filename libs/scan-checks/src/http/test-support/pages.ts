import type { OutgoingHttpHeaders } from 'node:http';
import { type Site, startSite } from './site';

/** A page template: headers for each scheme, an optional redirect from plain http, and a body. */
export interface PageSpec {
  /** Where plain http sends the browser (absolute, `{port}` replaced); http serves the page when absent. */
  httpRedirect?: { status: number; location: string }[];
  headers?: OutgoingHttpHeaders;
  /** Extra headers on https answers only (HSTS). */
  httpsHeaders?: OutgoingHttpHeaders;
  html?: string;
  /** Echo the request's Origin in Access-Control-Allow-Origin, with credentials. */
  reflectCors?: boolean;
}

/**
 * A site serving one page on every path and method: the Observatory also asks /robots.txt and sends an
 * OPTIONS preflight, Vigie a GET with an Origin header. Plain http follows `httpRedirect` step by step (the
 * first redirect on `/`, the next ones on `/step1`, `/step2`...).
 */
export async function startPage(spec: PageSpec, tls?: { key: string; cert: string }): Promise<Site> {
  let port = 0;
  const site = await startSite((req, res, scheme) => {
    const steps = spec.httpRedirect ?? [];
    const step = req.url === '/' ? 0 : Number(/^\/step(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    if (scheme === 'http' && step >= 0 && step < steps.length) {
      res.writeHead(steps[step].status, { Location: steps[step].location.replace('{port}', String(port)) });
      res.end();
      return;
    }
    const headers: OutgoingHttpHeaders = {
      'Content-Type': spec.html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      ...spec.headers,
      ...(scheme === 'https' ? spec.httpsHeaders : {}),
    };
    if (spec.reflectCors && req.headers.origin) {
      headers['Access-Control-Allow-Origin'] = req.headers.origin;
      headers['Access-Control-Allow-Credentials'] = 'true';
    }
    res.writeHead(200, headers);
    res.end(spec.html ?? 'Portail patients\n');
  }, tls);
  port = site.port;
  return site;
}
