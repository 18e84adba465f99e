import { connect } from 'node:net';
import { parseServerReply } from './client-hello';

export type RawOutcome =
  | { kind: 'accepted'; version: number; suite: number }
  /** An alert, or the server hung up: it will not talk this version or these suites. */
  | { kind: 'refused'; alert?: number }
  /** No answer we can rely on (timeout, connection error): neither accepted nor refused. */
  | { kind: 'unknown'; reason: string };

/** Sends one hand-built ClientHello and reads the server's first answer; never completes a handshake. */
export function sendClientHello(
  address: string,
  port: number,
  hello: Buffer,
  timeoutMs: number,
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    let received = Buffer.alloc(0);
    let settled = false;
    let connected = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'unknown', reason: 'timeout' }), timeoutMs);
    socket.once('connect', () => {
      connected = true;
      socket.write(hello);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const reply = parseServerReply(received);
      if (reply.kind === 'server-hello')
        finish({ kind: 'accepted', version: reply.version, suite: reply.suite });
      else if (reply.kind === 'alert') finish({ kind: 'refused', alert: reply.description });
      // Not TLS (an HTTP server, SSLv2 only): it certainly did not accept what we offered.
      else if (reply.kind === 'unexpected') finish({ kind: 'refused' });
      else if (received.length > 64 * 1024) finish({ kind: 'unknown', reason: 'no ServerHello in 64 KiB' });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      // A reset after the hello is how many stacks say no; before it, the port is not reachable.
      finish(connected ? { kind: 'refused' } : { kind: 'unknown', reason: error.code ?? error.message }),
    );
    socket.once('close', () =>
      finish(connected ? { kind: 'refused' } : { kind: 'unknown', reason: 'closed before connecting' }),
    );
  });
}
