/**
 * Child process of bench/scans/tls.ts: serves the Node and hand-built-hello TLS profiles on 127.0.0.1 (ports
 * the kernel picks), away from the scanners' event loop, and counts the connections each endpoint accepts.
 * Reads the specs as one JSON line on stdin and prints their ports as one; then `counts` on stdin prints the
 * connections per endpoint and the CPU time spent since the last `counts`. Exits when stdin closes.
 */
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { readClientHello, serverHello } from '../../libs/scan-checks/src/tls/testing/servers';
import type { TlsServerSpec } from './tls-profiles';

const HANDSHAKE_FAILURE = Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28]);

/** As `startLegacyHelloServer` answers: the first offered suite of its list, or a handshake_failure alert. */
function legacyHello(spec: Extract<TlsServerSpec, { kind: 'legacy-hello' }>) {
  return (socket: Socket) => {
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // An SSLv2 hello (sslscan sends one): a real server answers at once, not after the client's timeout.
      if (received[0] !== 0x16) return void socket.end(HANDSHAKE_FAILURE);
      const hello = readClientHello(received);
      if (!hello) return;
      const version = Math.min(hello.version, spec.maxVersion);
      const suite = spec.suites.find((candidate) => hello.suites.includes(candidate));
      socket.end(
        version >= spec.minVersion && suite !== undefined ? serverHello(version, suite) : HANDSHAKE_FAILURE,
      );
    });
  };
}

function serve(spec: TlsServerSpec): Server {
  if (spec.kind === 'legacy-hello') return createTcpServer(legacyHello(spec));
  if (spec.kind !== 'node') throw new Error(`${spec.kind} is not served here`);
  const server = createTlsServer(spec.options, (socket) => socket.end());
  server.on('tlsClientError', () => undefined); // refused probes are the point
  return server;
}

async function main() {
  process.stdin.setEncoding('utf8');
  const lines = (async function* () {
    let buffered = '';
    for await (const chunk of process.stdin as AsyncIterable<string>) {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        yield buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
      }
    }
  })();
  const specs = JSON.parse((await lines.next()).value as string) as TlsServerSpec[];
  const counts = specs.map(() => 0);
  const servers = specs.map((spec, i) => {
    const server = serve(spec);
    server.on('connection', (socket: Socket) => {
      counts[i]++;
      socket.on('error', () => undefined); // scanners hang up mid-handshake
    });
    return server;
  });
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ port: 0, host: '127.0.0.1', backlog: 511 }, resolve);
        }),
    ),
  );
  process.stdout.write(`${JSON.stringify(servers.map((s) => (s.address() as AddressInfo).port))}\n`);
  let cpu = process.cpuUsage();
  for await (const line of lines) {
    if (line !== 'counts') continue;
    const spent = process.cpuUsage(cpu);
    process.stdout.write(`${JSON.stringify({ counts, cpuMs: (spent.user + spent.system) / 1000 })}\n`);
    counts.fill(0);
    cpu = process.cpuUsage();
  }
  servers.forEach((server) => server.close());
  process.exit(0);
}

main().catch((error: Error) => {
  process.stdout.write(`failed ${error.message}\n`);
  process.exit(1);
});
