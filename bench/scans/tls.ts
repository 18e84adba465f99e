/**
 * TLS half of bench/scans.ts: Node and `openssl s_server` TLS profiles on 127.0.0.1, scanned by `checkTls` and by
 * Debian's `sslscan --xml=-` with the same number of endpoints in flight; wall and CPU times, connections, and
 * the agreement on protocols, suites, key exchange sizes and certificates.
 */
import { readFileSync } from 'node:fs';
import { TestPki } from '../../libs/scan-checks/src/tls/testing/pki';
import { sslscan, type SslscanResult } from '../../libs/scan-checks/src/tls/testing/sslscan';
import { checkTls } from '../../libs/scan-checks/src/tls/tls.check';
import type { TlsReport } from '../../libs/scan-checks/src/tls/tls-report';
import { tlsAgreement } from './tls-agreement';
import { startTlsFixtures, type TlsEndpoint, type TlsFixtures } from './tls-layout';
import { tlsProfiles } from './tls-profiles';
import {
  agreementTable,
  medianLine,
  profileTable,
  roundHeader,
  roundLine,
  type Run,
  type Timed,
} from './tls-tables';

export interface TlsBenchOptions {
  endpoints: number;
  /** How many of them are `openssl s_server` processes. */
  openssl: number;
  /** Endpoints scanned at once, by either tool. */
  concurrency: number;
  /** checkTls's connections at once on one endpoint (its `maxConcurrentHandshakes`). */
  perTarget: number;
  rounds: number;
  warmup: number;
  fixtureProcesses: number;
}

const SERVER_NAME = 'localhost';

const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** CPU time of this process's reaped children: the sslscan runs (Linux `cutime + cstime`, 10 ms ticks). */
const childrenCpuMs = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};

async function pool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<Timed<R>[]> {
  const results: Timed<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const started = performance.now();
      const result = await run(items[i]).catch((error: Error) => error);
      results[i] = { result, ms: performance.now() - started };
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function measure<T>(
  fixtures: TlsFixtures,
  concurrency: number,
  cpuMs: () => number,
  scan: (endpoint: TlsEndpoint) => Promise<T>,
): Promise<Run<T>> {
  await fixtures.counts(); // resets them
  const [started, cpu] = [performance.now(), cpuMs()];
  const perEndpoint = await pool(fixtures.endpoints, concurrency, scan);
  const [wallMs, clientCpuMs] = [performance.now() - started, cpuMs() - cpu];
  const { connections, serverCpuMs } = await fixtures.counts();
  return { wallMs, perEndpoint, connections, clientCpuMs, serverCpuMs };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

export async function benchTlsAgainstSslscan(options: TlsBenchOptions): Promise<void> {
  const pki = new TestPki();
  const fixtures = await startTlsFixtures(
    tlsProfiles(pki),
    options.endpoints,
    options.openssl,
    options.fixtureProcesses,
  );
  const now = new Date();
  // As the worker calls it: no extra CA (trust verdicts are not compared with sslscan anyway).
  const ours = () =>
    measure(fixtures, options.concurrency, ownCpuMs, (e) =>
      checkTls(
        { address: e.address, port: e.port, serverName: SERVER_NAME },
        { now, maxConcurrentHandshakes: options.perTarget },
      ),
    );
  const peer = () =>
    measure(fixtures, options.concurrency, childrenCpuMs, (e) => sslscan(e.port, SERVER_NAME, e.address));
  console.log(
    `\nTLS: ${fixtures.endpoints.length} endpoints on 127.0.0.1 (${options.openssl} openssl s_server, the ` +
      `others Node servers in ${options.fixtureProcesses} process(es)); ${options.concurrency} endpoints at a ` +
      `time for both, checkTls up to ${options.perTarget} connections per endpoint, sslscan one; ` +
      `${options.warmup} warm-up round(s), then ${options.rounds}; CPU and connections counted on the ` +
      `Node-served endpoints only`,
  );
  console.log(roundHeader());
  const times = { ours: [] as number[], peer: [] as number[] };
  const disagreeing: number[] = [];
  let last: ReturnType<typeof tlsAgreement> | undefined;
  let lastRuns: { ours: Run<TlsReport>; peer: Run<SslscanResult> } | undefined;
  try {
    for (let round = 1 - options.warmup; round <= options.rounds; round++) {
      // Alternate who goes first, as the port comparison does.
      const early = round % 2 === 0 ? await peer() : undefined;
      const mine = await ours();
      const theirs = early ?? (await peer());
      console.log(roundLine(round > 0 ? `${round}` : 'warm-up', mine, theirs));
      last = tlsAgreement(
        fixtures.endpoints.map((endpoint, i) => ({
          endpoint,
          ours: mine.perEndpoint[i].result,
          peer: theirs.perEndpoint[i].result,
        })),
      );
      lastRuns = { ours: mine, peer: theirs };
      if (last.differences.length) disagreeing.push(round);
      if (round < 1) continue;
      times.ours.push(mine.wallMs);
      times.peer.push(theirs.wallMs);
    }
    console.log(medianLine(median(times.ours), median(times.peer)));
    console.log(profileTable(fixtures.endpoints, lastRuns!.ours, lastRuns!.peer).join('\n'));
    console.log(agreementTable(last!.fields).join('\n'));
    console.log(
      '* not compared: SSLv3 suites (sslscan lists none), key exchange sizes measured by one tool only',
    );
    console.log(
      disagreeing.length
        ? `TLS DISAGREEMENTS in round(s) ${disagreeing.join(', ')}; last round:\n  ` +
            last!.differences.slice(0, 30).join('\n  ')
        : 'every round: same protocols, suites, key exchange sizes and certificate facts as sslscan',
    );
  } finally {
    await fixtures.stop();
    pki.cleanup();
  }
}
