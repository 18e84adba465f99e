import { spawn } from 'node:child_process';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

async function listening(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** A Node TLS server on 127.0.0.1 with the given versions, suites and certificate; it hangs up once secured. */
export function startNodeTlsServer(options: TlsOptions): Promise<RunningServer> {
  const server = createTlsServer(options, (socket) => socket.end());
  server.on('tlsClientError', () => undefined); // refused probes are the point
  return listening(server);
}

/**
 * `openssl s_server` on a port the kernel picks (`-accept 127.0.0.1:0`; it prints `ACCEPT host:port`). It serves
 * one connection at a time, which the check's limiter copes with.
 */
export function startOpensslServer(args: string[]): Promise<RunningServer> {
  const child = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-www', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ACCEPT [^\n]*:(\d+)/.exec(output);
      if (!match) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({
        port: Number(match[1]),
        close: async () => {
          child.kill();
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`openssl s_server exited (${code}): ${output}`)));
  });
}

export interface ClientHelloSeen {
  version: number;
  suites: number[];
}

/** Reads the version and suites of a ClientHello: written apart from the code under test, from RFC 5246 §7.4.1.2. */
export function readClientHello(data: Buffer): ClientHelloSeen | null {
  if (data.length < 5 || data[0] !== 0x16) return null;
  const recordEnd = 5 + data.readUInt16BE(3);
  if (data.length < recordEnd || data[5] !== 0x01) return null;
  const version = data.readUInt16BE(9);
  let offset = 11 + 32; // after version and random
  offset += 1 + data[offset]; // session id
  const suitesLength = data.readUInt16BE(offset);
  const suites: number[] = [];
  for (let i = 0; i < suitesLength; i += 2) suites.push(data.readUInt16BE(offset + 2 + i));
  return { version, suites };
}

/** A ServerHello record choosing `suite` at `version`, followed by nothing: enough for a probe that only reads it. */
export function serverHello(version: number, suite: number): Buffer {
  const body = Buffer.concat([
    Buffer.from([version >> 8, version & 0xff]),
    Buffer.alloc(32, 0x42),
    Buffer.from([0]), // no session id
    Buffer.from([suite >> 8, suite & 0xff, 0]),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x02, 0, 0, body.length]), body]);
  return Buffer.concat([Buffer.from([0x16, version >> 8, version & 0xff, 0, handshake.length]), handshake]);
}

const HANDSHAKE_FAILURE = Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28]);

/**
 * What no local OpenSSL 3 can serve any more (SSLv3, RC4, 3DES): a TCP server that answers each ClientHello
 * with a hand-built ServerHello choosing the first of `suites` the client offers, at the best version it allows
 * up to `maxVersion`, or a handshake_failure alert. It never completes a handshake.
 */
export function startLegacyHelloServer(options: {
  minVersion: number;
  maxVersion: number;
  suites: number[];
}): Promise<RunningServer> {
  const server = createTcpServer((socket) => {
    let received = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const hello = readClientHello(received);
      if (!hello) return;
      const version = Math.min(hello.version, options.maxVersion);
      const suite = options.suites.find((candidate) => hello.suites.includes(candidate));
      socket.end(
        version >= options.minVersion && suite !== undefined
          ? serverHello(version, suite)
          : HANDSHAKE_FAILURE,
      );
    });
  });
  return listening(server);
}
