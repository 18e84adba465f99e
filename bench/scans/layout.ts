import { spawn } from 'node:child_process';
import type { RiskyPort } from '../../libs/scan-checks/src/ports/risky-ports';
import type { FakeService } from '../../libs/scan-checks/src/ports/testing/fake-services';
import type { FixtureListener } from './fixtures';

/** A deterministic pseudo-random generator, so every run listens on the same ports. */
function generator(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const FIXTURE_OF: Record<RiskyPort['confirm'], FakeService> = {
  ssh: 'ssh',
  ftp: 'ftp',
  telnet: 'telnet',
  vnc: 'vnc',
  rdp: 'rdp',
  dicom: 'dicom',
  hl7: 'silent',
  none: 'silent',
};

/** `count` addresses from 127.0.1.1 (127.0.0.x is left alone: local databases listen on 127.0.0.1). */
export function layout(
  ports: RiskyPort[],
  count: number,
  openPerAddress: number,
): { addresses: string[]; listeners: FixtureListener[] } {
  const random = generator(42);
  const addresses = Array.from(
    { length: count },
    (_, i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
  );
  const listeners: FixtureListener[] = [];
  for (const address of addresses) {
    const chosen = new Set<RiskyPort>();
    while (chosen.size < Math.min(openPerAddress, ports.length))
      chosen.add(ports[Math.floor(random() * ports.length)]);
    for (const risky of chosen) {
      const kind = FIXTURE_OF[risky.confirm];
      // Half the PACS filter called AE titles, so both DICOM verdicts are compared.
      const restricted = kind === 'dicom' && random() < 0.5;
      listeners.push({ address, port: risky.port, kind: restricted ? 'dicom-restricted' : kind });
    }
  }
  return { addresses, listeners };
}

async function startFixtureProcess(listeners: FixtureListener[]): Promise<() => Promise<unknown>> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'bench/scans/fixtures.ts'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  child.stdin.write(`${JSON.stringify(listeners)}\n`);
  const line = await new Promise<string>((resolve) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', () => resolve(text.trim() || 'exited'));
  });
  if (line !== 'ready') throw new Error(`fixtures: ${line}`);
  return () => new Promise((resolve) => child.once('exit', resolve).stdin.end());
}

/**
 * Starts bench/scans/fixtures.ts in `processes` child processes (addresses split between them), so servers and
 * scanners do not share an event loop.
 */
export async function startFixtures(
  listeners: FixtureListener[],
  processes = 1,
): Promise<{ stop: () => Promise<unknown> }> {
  const addresses = [...new Set(listeners.map((l) => l.address))];
  const share = (i: number) => new Set(addresses.filter((_, j) => j % processes === i));
  const stops = await Promise.all(
    Array.from({ length: processes }, (_, i) => {
      const mine = share(i);
      return startFixtureProcess(listeners.filter((l) => mine.has(l.address)));
    }),
  );
  return { stop: () => Promise.all(stops.map((stop) => stop())) };
}
