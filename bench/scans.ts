/**
 * Port exposure scan against nmap on loopback: a few hundred addresses of 127/8 (Linux routes all of it to lo),
 * each with a few risky ports listening and answering like their protocol, in a child process. Each round runs
 * `nmap -n -Pn -sT` and our scanner on the same addresses and ports; prints wall times, the ratio and the
 * agreement on open ports.
 *   npm run bench:scans -- --targets 300 --open 3 --rounds 5 --concurrency 256 --per-target 16
 * Ours runs three ways: as in production (protocol confirmations: SSH/FTP/VNC banners, RDP and DICOM
 * handshakes), connect-only (the same facts as `nmap -sT`), and on `net.Socket` instead of the bare TCP handle.
 * Ports below 1024 need root; otherwise pass --port-offset 40000 (the catalogue shifted, same protocols).
 * Then TLS against sslscan (bench/scans/tls.ts); `--only ports` or `--only tls` runs one half:
 *   npm run bench:scans -- --only tls --tls-endpoints 160 --tls-openssl 6 --tls-concurrency 8 --tls-rounds 3
 */
import { scanPorts, type TargetScan } from '../libs/scan-checks/src/ports/port-scan';
import { RISKY_PORTS, type RiskyPort } from '../libs/scan-checks/src/ports/risky-ports';
import { type ConnectEngine, defaultConnectEngine } from '../libs/scan-checks/src/ports/tcp-connect';
import { layout, startFixtures } from './scans/layout';
import { nmapConnectScan } from './scans/nmap';
import { benchTlsAgainstSslscan } from './scans/tls';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const targetCount = Number(option('targets', '300'));
const openPerTarget = Number(option('open', '3'));
const rounds = Number(option('rounds', '5'));
/** Uncounted rounds first: a worker scans all day, so its JIT is warm; nmap has none to warm. */
const warmup = Number(option('warmup', '1'));
const concurrency = Number(option('concurrency', '256'));
const perTarget = Number(option('per-target', '16'));
/** Processes serving the fixtures: one Node process pays ~100 ms of CPU per scan accepting 900 connections. */
const fixtureProcesses = Number(option('fixture-processes', '1'));
const offset = Number(option('port-offset', process.getuid?.() === 0 ? '0' : '40000'));
/** `ports` or `tls` runs one half only. */
const only = option('only', '');
const tls = {
  endpoints: Number(option('tls-endpoints', '160')),
  openssl: Number(option('tls-openssl', '6')),
  concurrency: Number(option('tls-concurrency', '8')),
  perTarget: Number(option('tls-per-target', '4')),
  rounds: Number(option('tls-rounds', '3')),
  warmup: Number(option('tls-warmup', '1')),
  fixtureProcesses: Number(option('tls-fixture-processes', '1')),
};

interface Variant {
  name: string;
  engine: ConnectEngine;
  confirm: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'ours', engine: defaultConnectEngine(), confirm: true },
  { name: 'ours connect-only', engine: defaultConnectEngine(), confirm: false },
  { name: 'ours on net.Socket', engine: 'net-socket', confirm: true },
];

async function ours(addresses: string[], ports: RiskyPort[], variant: Variant) {
  const started = performance.now();
  const scans = await scanPorts(
    addresses.map((address) => ({ address })),
    {
      ports: variant.confirm ? ports : ports.map((p) => ({ ...p, confirm: 'none' as const })),
      engine: variant.engine,
      concurrency,
      perTarget,
    },
  );
  return { wallMs: performance.now() - started, scans };
}

const openOf = (scans: TargetScan[]) =>
  new Set(
    scans.flatMap((s) => s.probes.filter((p) => p.state === 'open').map((p) => `${s.address}:${p.port}`)),
  );

function agreement(a: Set<string>, b: Set<string>): string {
  const both = [...a].filter((x) => b.has(x)).length;
  return `both ${both}, only ours ${a.size - both}, only nmap ${b.size - both}`;
}

function summary(scans: TargetScan[], confirmable: number): string {
  const confirmed = scans.reduce((n, s) => n + s.probes.filter((p) => p.confirmed).length, 0);
  const counts = new Map<string, number>();
  for (const finding of scans.flatMap((s) => s.findings))
    counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  return `${confirmed} of ${confirmable} speaking services confirmed by their protocol; findings: ${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')}`;
}

/** Lets the fixtures finish with the last scan's connections, so the next run does not pay for them. */
async function settled<T>(run: Promise<T>): Promise<T> {
  const result = await run;
  await new Promise((resolve) => setTimeout(resolve, 300));
  return result;
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

function dicomAgreement(scans: TargetScan[], peer: Map<string, 'accept' | 'reject'>): string {
  const ours = new Map<string, string>();
  for (const scan of scans)
    for (const probe of scan.probes)
      if (probe.dicom) ours.set(`${scan.address}:${probe.port}`, probe.dicom.pdu);
  const same = [...ours].filter(([key, verdict]) => peer.get(key) === verdict);
  const accepted = same.filter(([, verdict]) => verdict === 'accept').length;
  const differ = [...ours].filter(([key, verdict]) => peer.has(key) && peer.get(key) !== verdict).length;
  const onlyOurs = [...ours.keys()].filter((key) => !peer.has(key)).length;
  const onlyNmap = [...peer.keys()].filter((key) => !ours.has(key)).length;
  return `same ${same.length} (${accepted} accept any AE title, ${same.length - accepted} reject), different ${differ}, only ours ${onlyOurs}, only nmap ${onlyNmap}`;
}

async function benchPortsAgainstNmap() {
  const ports = RISKY_PORTS.map((risky) => ({ ...risky, port: risky.port + offset }));
  const portNumbers = [...new Set(ports.map((p) => p.port))];
  const { addresses, listeners } = layout(ports, targetCount, openPerTarget);
  const listening = new Set(listeners.map((l) => `${l.address}:${l.port}`));
  const confirmable = listeners.filter((l) => l.kind !== 'silent').length;
  // dicom-ping picks its ports by number (104, 4242, 11112...): shifted ports would not be tried.
  const withDicomPing = offset === 0;
  console.log(
    `${addresses.length} addresses × ${portNumbers.length} risky ports = ${addresses.length * portNumbers.length} ` +
      `probes, ${listening.size} listening; concurrency ${concurrency}, ${perTarget} per address; ` +
      `${warmup} warm-up round(s), then ${rounds}; nmap wall time includes its start-up (its own clock in brackets)`,
  );
  const fixtures = await startFixtures(listeners, fixtureProcesses);
  const times = new Map<string, number[]>();
  const record = (name: string, round: number, ms: number) => {
    if (round > 0) times.set(name, [...(times.get(name) ?? []), ms]);
  };
  const disagreements: string[] = [];
  try {
    for (let round = 1 - warmup; round <= rounds; round++) {
      // Alternate who goes first, so neither always meets the kernel right after the other.
      const early = round % 2 === 0 ? await settled(nmapConnectScan(addresses, portNumbers)) : undefined;
      const runs = [];
      for (const variant of VARIANTS)
        runs.push({ variant, ...(await settled(ours(addresses, ports, variant))) });
      const nmap = early ?? (await settled(nmapConnectScan(addresses, portNumbers)));
      const dicomPing = withDicomPing
        ? await settled(nmapConnectScan(addresses, portNumbers, 'dicom-ping'))
        : undefined;
      const cells = [`nmap -sT ${nmap.wallMs.toFixed(0)} ms (${nmap.elapsedMs.toFixed(0)})`];
      record('nmap -sT', round, nmap.wallMs);
      if (dicomPing) {
        cells.push(
          `nmap -sT + dicom-ping ${dicomPing.wallMs.toFixed(0)} ms (${dicomPing.elapsedMs.toFixed(0)})`,
        );
        record('nmap -sT + dicom-ping', round, dicomPing.wallMs);
      }
      if (nmap.open.size !== listening.size || [...listening].some((x) => !nmap.open.has(x)))
        disagreements.push(
          `round ${round}: nmap found ${nmap.open.size} open of ${listening.size} listening`,
        );
      for (const { variant, wallMs, scans } of runs) {
        cells.push(`${variant.name} ${wallMs.toFixed(0)} ms = ${(wallMs / nmap.wallMs).toFixed(2)}×`);
        record(variant.name, round, wallMs);
        const agreed = agreement(openOf(scans), nmap.open);
        if (!agreed.endsWith('only ours 0, only nmap 0'))
          disagreements.push(`round ${round}: ${variant.name} vs nmap: ${agreed}`);
        if (round !== rounds) continue;
        console.log(`  ${variant.name} vs nmap -sT, open ports: ${agreed}; ${summary(scans, confirmable)}`);
        if (dicomPing && variant.confirm)
          console.log(
            `  ${variant.name} vs dicom-ping, DICOM verdicts: ${dicomAgreement(scans, dicomPing.dicom)}`,
          );
      }
      console.log(`${round > 0 ? `round ${round}` : 'warm-up'}: ${cells.join(' | ')}`);
    }
    const reference = median(times.get('nmap -sT')!);
    const medians = [...times].map(([name, values]) => {
      const value = median(values);
      return `${name} ${value.toFixed(0)} ms (${(value / reference).toFixed(2)}×)`;
    });
    console.log(`median of ${rounds} rounds, ratio to nmap -sT: ${medians.join('; ')}`);
    console.log(
      disagreements.length
        ? `DISAGREEMENTS:\n${disagreements.join('\n')}`
        : 'every round: same open ports as nmap',
    );
  } finally {
    await fixtures.stop();
  }
}

async function main() {
  if (only !== 'tls') await benchPortsAgainstNmap();
  if (only !== 'ports') await benchTlsAgainstSslscan(tls);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
