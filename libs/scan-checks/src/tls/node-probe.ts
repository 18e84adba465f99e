import { isIP } from 'node:net';
import { connect, type EphemeralKeyInfo, type SecureVersion, type TLSSocket } from 'node:tls';

export interface HandshakeRequest {
  address: string;
  port: number;
  serverName?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
  /** Replaces Node's root store for this handshake; only the trust probe passes it. */
  ca?: string[];
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
        minVersion: request.minVersion,
        maxVersion: request.maxVersion,
        ciphers: request.ciphers,
        ca: request.ca,
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
