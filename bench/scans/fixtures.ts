/**
 * Child process of bench/scans.ts: listens on the loopback addresses and ports it is given, each answering like
 * the first bytes of its protocol, so the scanners under test do not share an event loop with the servers.
 * Reads the layout as JSON on stdin; prints `ready` once every server listens; exits when stdin closes.
 */
import { createServer, type Server } from 'node:net';
import { type FakeService, fakeService } from '../../libs/scan-checks/src/ports/testing/fake-services';

export interface FixtureListener {
  address: string;
  port: number;
  kind: FakeService;
}

async function main() {
  process.stdin.setEncoding('utf8');
  const input = await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text);
    });
  });
  const listeners = JSON.parse(input) as FixtureListener[];
  const servers: Server[] = [];
  await Promise.all(
    listeners.map(
      ({ address, port, kind }) =>
        new Promise<void>((resolve, reject) => {
          const respond = fakeService(kind);
          const server = createServer((socket) => {
            // Scanners hang up at once on ports they only count: a greeting then meets a reset.
            socket.on('error', () => undefined);
            respond(socket);
          });
          servers.push(server);
          server.once('error', (error) => reject(new Error(`${address}:${port}: ${error.message}`)));
          server.listen({ port, host: address, backlog: 511 }, () => resolve());
        }),
    ),
  );
  process.stdout.write('ready\n');
  process.stdin.once('end', () => {
    servers.forEach((server) => server.close());
    process.exit(0);
  });
}

main().catch((error: Error) => {
  process.stdout.write(`failed ${error.message}\n`);
  process.exit(1);
});
