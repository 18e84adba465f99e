import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type BlockList, type LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { NetworkPolicyError } from './address-policy';
import { type Resolver, resolvePinned } from './resolve';

export interface GuardedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The address actually connected to. */
  address: string;
  /** For https: whether the certificate chain and name checked out, and why not. */
  tls?: { authorized: boolean; authorizationError?: string };
}

export interface GuardedGetOptions {
  allowed?: BlockList;
  timeoutMs?: number;
  maxBytes?: number;
  resolver?: Resolver;
  /** Extra request headers; they override the defaults (User-Agent, Accept). */
  headers?: Record<string, string>;
  /** Trust anchors replacing the system's (tests with a private CA). */
  ca?: string | Buffer;
  /**
   * false: read the answer even when the certificate does not check out (a scanner grading a site with a bad
   * certificate still reads its headers); `tls.authorized` then says whether it did. Default true.
   */
  rejectUnauthorized?: boolean;
}

/**
 * GET through the network guard: the host is resolved once and checked, the socket goes to that address (the
 * name is used only for SNI and Host), redirects are returned, not followed, so each hop is checked by the
 * caller, and the body is cut at `maxBytes`.
 */
export async function guardedGet(url: string, options: GuardedGetOptions = {}): Promise<GuardedResponse> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new NetworkPolicyError(`${parsed.protocol} URLs are not fetched`);
  const target = await resolvePinned(parsed.hostname, options.allowed, options.resolver);
  const address = target.addresses[0];
  const family = isIP(address);
  const lookup: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    else callback(null, address, family);
  };
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const secure = parsed.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  return new Promise<GuardedResponse>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        lookup,
        timeout: timeoutMs,
        headers: { 'User-Agent': 'Vigie/1 (verification)', Accept: 'text/plain, */*', ...options.headers },
        ...(secure && target.serverName ? { servername: target.serverName } : {}),
        ...(secure && options.ca !== undefined ? { ca: options.ca } : {}),
        ...(secure && options.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      },
      (res) => {
        const socket = res.socket as TLSSocket;
        const tls = secure
          ? {
              authorized: socket.authorized === true,
              ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
            }
          : undefined;
        let body = '';
        let size = 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          size += Buffer.byteLength(chunk);
          if (size > maxBytes) {
            res.destroy();
            return;
          }
          body += chunk;
        });
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            address,
            ...(tls ? { tls } : {}),
          }),
        );
        res.on('error', reject);
      },
    );
    // `timeout` is an idle timeout; this deadline bounds the whole exchange, trickling servers included.
    const deadline = setTimeout(
      () => req.destroy(new Error(`no complete answer within ${timeoutMs} ms`)),
      timeoutMs,
    ).unref();
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
