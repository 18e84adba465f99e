import { isIP } from 'node:net';
import {
  connect,
  createSecureContext,
  rootCertificates,
  type EphemeralKeyInfo,
  type SecureContext,
  type SecureVersion,
  type TLSSocket,
} from 'node:tls';

export interface HandshakeRequest {
  address: string;
  port: number;
  serverName?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
  /** Roots trusted on top of Node's store (PEM); only the trust probe passes them. */
  extraCa?: string[];
  timeoutMs: number;
}

export type HandshakeOutcome<T> =
  | {
      kind: 'accepted';
      protocol: string;
      /** OpenSSL name of the negotiated suite. */
      suite: string;
      ephemeral: { type: string; size: number; name?: string } | null;
      inspected: T;
    }
  | { kind: 'refused'; code: string }
  | { kind: 'unknown'; code: string };

/** Errors that say nothing about TLS: the network, not the server's configuration, answered. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

function ephemeralOf(
  info: EphemeralKeyInfo | object | null,
): { type: string; size: number; name?: string } | null {
  const key = info as Partial<EphemeralKeyInfo> | null;
  if (!key?.type || !key.size) return null;
  return { type: key.type, size: key.size, ...(key.name ? { name: key.name } : {}) };
}

/** Enough for the offers of a few checks side by side; servers configured alike get the same offers. */
const MAX_CONTEXTS = 256;
const contexts = new Map<string, SecureContext>();

/**
 * The client context for an offer, built once: `tls.connect` would otherwise build one per connection, about a
 * tenth of a handshake's CPU on loopback, and ~25 ms when it parses Node's whole root store for `extraCa`.
 * Sharing it resumes no session: Node's contexts keep no client session cache.
 */
function secureContextFor(request: HandshakeRequest): SecureContext {
  const { minVersion, maxVersion, ciphers, extraCa = [] } = request;
  const key = JSON.stringify([minVersion, maxVersion, ciphers, extraCa]);
  let context = contexts.get(key);
  if (context) {
    contexts.delete(key); // most recently used last
  } else {
    context = createSecureContext({
      minVersion,
      maxVersion,
      ciphers,
      // Node's `ca` replaces its root store, so extra roots come on top of it.
      ca: extraCa.length ? [...rootCertificates, ...extraCa] : undefined,
    });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
  }
  contexts.set(key, context);
  return context;
}

/**
 * One handshake with Node's TLS client. `inspect` reads what the caller needs from the connected socket
 * (certificates, trust verdict) before it is closed. Certificate errors never abort: they are what we measure.
 */
export function handshake<T = undefined>(
  request: HandshakeRequest,
  inspect?: (socket: TLSSocket) => T,
): Promise<HandshakeOutcome<T>> {
  return new Promise((resolve) => {
    let socket: TLSSocket;
    try {
      socket = connect({
        host: request.address,
        port: request.port,
        // RFC 6066 forbids an IP literal as SNI, and Node warns about it.
        servername: request.serverName && !isIP(request.serverName) ? request.serverName : undefined,
        secureContext: secureContextFor(request),
        rejectUnauthorized: false,
      });
    } catch (error) {
      // The client itself cannot offer this (no cipher left, disabled method): the server was never asked.
      resolve({ kind: 'refused', code: (error as NodeJS.ErrnoException).code ?? 'ERR_CLIENT_CONFIG' });
      return;
    }
    let settled = false;
    const finish = (outcome: HandshakeOutcome<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'unknown', code: 'ETIMEDOUT' }), request.timeoutMs);
    socket.once('secureConnect', () => {
      try {
        finish({
          kind: 'accepted',
          protocol: socket.getProtocol() ?? 'unknown',
          suite: socket.getCipher().name,
          ephemeral: ephemeralOf(socket.getEphemeralKeyInfo()),
          inspected: inspect?.(socket) as T,
        });
      } catch (error) {
        finish({ kind: 'unknown', code: (error as Error).message });
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      finish(NETWORK_ERRORS.has(code) ? { kind: 'unknown', code } : { kind: 'refused', code });
    });
    socket.once('close', () => finish({ kind: 'refused', code: 'ECONNRESET' }));
  });
}
