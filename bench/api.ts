/**
 * HTTP throughput of the real API: the unauthenticated floor (`GET /api/health`) next to the main authenticated
 * reads, measured with autocannon against the compiled API on a fresh SQLite database with the demo data.
 *   npm run build && npm run bench:api -- --duration 8 --connections 50 --rounds 2 [--dist dist-before]
 * The worker runs only until the demo scores exist, so the measurement has the API alone on the CPU.
 * Prints one table: requests per second, latency percentiles and the API process's CPU time per request (read
 * from /proc, so it is barely moved by other processes sharing the machine), the median over the rounds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@vigie/config';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const durationSeconds = Number(option('duration', '8'));
const connections = Number(option('connections', '50'));
const rounds = Number(option('rounds', '1'));
const warmupSeconds = 2;
const root = projectRoot();
/** `--dist dist-before` compares another build (a copy of dist/ inside the project). */
const distDir = join(root, option('dist', 'dist'));
const distMain = (app: string) => join(distDir, 'apps', app, 'apps', app, 'src', 'main.js');

interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
}
interface Measure {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<number, number>;
  /** CPU time of the API process per request: unlike req/s, barely moved by other processes on the machine. */
  cpuUsPerRequest: number;
}

/** User + system CPU time of a process, in µs, from /proc (clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** The part of autocannon 8 used here (it ships no types). */
interface AutocannonResult {
  requests: { total: number };
  errors: number;
  timeouts: number;
}
type AutocannonInstance = Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
/* eslint-disable @typescript-eslint/no-require-imports */
const autocannon = require('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}) => AutocannonInstance;
const { startRedis, freePort } = require('../scripts/lib/redis-server.js');
/* eslint-enable @typescript-eslint/no-require-imports */

function startProcess(app: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [distMain(app)], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d) => process.stderr.write(`[${app}] ${d}`));
  return child;
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(base: string, path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${base}${path}`, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Latencies come from every response (autocannon's own histogram has no p95). */
async function measure(base: string, target: Target, seconds: number, apiPid: number): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  const statuses: Record<number, number> = {};
  const instance = autocannon({
    url: `${base}${target.path}`,
    connections,
    duration: seconds,
    headers: target.headers,
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status !== 200) {
      errors += 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    latencies.push(ms);
  });
  const cpuBefore = cpuMicros(apiPid);
  const result = await instance;
  const cpu = cpuMicros(apiPid) - cpuBefore;
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    rps: result.requests.total / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: errors + result.errors + result.timeouts,
    statuses,
    cpuUsPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function printTable(targets: Target[], results: Map<string, Measure[]>) {
  const floor = median(results.get(targets[0].name)!.map((m) => m.rps));
  const rows = targets.map((t) => {
    const ms = results.get(t.name)!;
    const rps = median(ms.map((m) => m.rps));
    return [
      t.name,
      `GET ${t.path.replace(/[0-9a-f-]{36}/g, '{id}')}`,
      rps.toFixed(0),
      (floor / rps).toFixed(2),
      median(ms.map((m) => m.p50)).toFixed(1),
      median(ms.map((m) => m.p95)).toFixed(1),
      median(ms.map((m) => m.p99)).toFixed(1),
      median(ms.map((m) => m.cpuUsPerRequest)).toFixed(0),
      String(ms.reduce((sum, m) => sum + m.errors, 0)),
    ];
  });
  const header = [
    'read',
    'route',
    'req/s',
    'floor/x',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'API CPU µs/req',
    'non-200',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${connections} connections, ${durationSeconds} s per read, median of ${rounds} round(s)`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main() {
  if (!existsSync(distMain('api'))) throw new Error('run `npm run build` first');
  const redis = process.env.REDIS_URL ? null : await startRedis({ log: () => undefined });
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-api-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: process.env.REDIS_URL ?? redis.url,
    QUEUE_PREFIX: `vigie-bench-${process.pid}`,
    DEMO_DATA: 'true',
    ADMIN_EMAIL: 'admin@vigie.local',
    ADMIN_PASSWORD: 'demo-admin-2026',
    WORKER_HEALTH_PORT: '0',
    SCAN_SCHEDULER_TICK_SECONDS: '0',
    HOUSEKEEPING_CRON: 'off',
  };
  delete env.DATABASE_URL;
  const api = startProcess('api', env);
  let worker: ChildProcess | undefined;
  try {
    await waitFor('API', async () => (await fetch(`${base}/api/health`)).status === 200, 120000);
    const login = async (email: string, password: string) =>
      (
        await json(base, '/api/v1/auth/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).accessToken as string;
    const ciso = {
      Authorization: `Bearer ${await login('rssi.pitie@demo.vigie.local', 'demo-rssi-pitie-2026')}`,
    };
    const analyst = {
      Authorization: `Bearer ${await login('analyste.idf@demo.vigie.local', 'demo-analyste-2026')}`,
    };
    const establishments = await json(base, '/api/v1/establishments?finess=750100125', { headers: ciso });
    const pitie = establishments.items[0].id as string;
    const { key: secret } = await json(base, '/api/v1/api-keys', {
      method: 'POST',
      headers: { ...ciso, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'bench', access: 'read', establishmentId: pitie }),
    });

    // The demo assessment is scored by the worker; it stops once the score exists.
    worker = startProcess('worker', env);
    const scorePath = `/api/v1/establishments/${pitie}/scores/latest`;
    await waitFor(
      'demo score',
      async () => (await fetch(`${base}${scorePath}`, { headers: ciso })).ok,
      120000,
    );
    await stopProcess(worker);

    const targets: Target[] = [
      { name: 'floor (public)', path: '/api/health', headers: {} },
      { name: 'me (CISO)', path: '/api/v1/auth/me', headers: ciso },
      { name: 'regions (analyst)', path: '/api/v1/regions', headers: analyst },
      { name: 'establishments (analyst)', path: '/api/v1/establishments', headers: analyst },
      { name: 'latest score (CISO)', path: scorePath, headers: ciso },
      {
        name: 'establishment (API key)',
        path: `/api/v1/establishments/${pitie}`,
        headers: { 'X-API-Key': secret },
      },
    ];
    const results = new Map<string, Measure[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of targets) {
        await measure(base, target, warmupSeconds, api.pid!);
        const m = await measure(base, target, durationSeconds, api.pid!);
        results.get(target.name)!.push(m);
        console.error(
          `round ${round} ${target.name}: ${m.rps.toFixed(0)} req/s, ` +
            `p50 ${m.p50.toFixed(1)} p95 ${m.p95.toFixed(1)} p99 ${m.p99.toFixed(1)} ms, ` +
            `${m.cpuUsPerRequest.toFixed(0)} µs CPU/req` +
            (m.errors ? `, ${m.errors} non-200 ${JSON.stringify(m.statuses)}` : ''),
        );
      }
    }
    printTable(targets, results);
  } finally {
    if (worker) await stopProcess(worker);
    await stopProcess(api);
    redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
