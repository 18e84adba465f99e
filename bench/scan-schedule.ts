/**
 * Scheduled scans at the scale of a region or of the country: N verified assets spread over the week.
 *   npm run build && npm run bench:schedule -- --dialect postgres --assets 50000 --catch-up 2000 --workers 2
 * Prints how the first scans spread over the week (assets due per scheduler tick), the cost of one tick over the
 * whole table, and the throughput of real scan runs by compiled worker processes on loopback targets (nothing
 * listens there: every port is refused at once, so this measures Vigie's own cost per asset, not the network's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { completeFiness } from '@vigie/common';
import { projectRoot } from '@vigie/config';
import { JobName, parseJobPayload, QueueName, type ScheduleScansResult } from '@vigie/contracts';
import {
  Asset,
  buildDataSourceOptions,
  Establishment,
  LegalEntity,
  runMigrations,
  Scan,
} from '@vigie/database';
import { firstScheduledScan } from '@vigie/scan-checks';
import { createTestDatabase } from '@vigie/testing';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { seedRegions } from '../apps/api/src/seed/reference-data';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dialect = option('dialect', 'sqlite') as 'sqlite' | 'postgres';
const assetCount = Number(option('assets', '50000'));
const perEstablishment = Number(option('per-establishment', '10'));
const catchUp = Number(option('catch-up', '2000'));
const workers = Number(option('workers', '2'));
const concurrency = option('concurrency', '8');
const TICK_SECONDS = 300;
const INTERVAL_DAYS = 7;

/** 127.1.0.0 upwards: loopback addresses where nothing listens (Redis and PostgreSQL are on 127.0.0.1). */
const loopback = (i: number) => `127.${1 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;

/** Assets due per scheduler tick, from the first scan dates given at seeding. */
function spread(dueDates: Date[], start: Date) {
  const perTick = new Map<number, number>();
  for (const due of dueDates) {
    const tick = Math.floor((due.getTime() - start.getTime()) / 1000 / TICK_SECONDS);
    perTick.set(tick, (perTick.get(tick) ?? 0) + 1);
  }
  const ticks = (INTERVAL_DAYS * 86400) / TICK_SECONDS;
  const counts = Array.from({ length: ticks }, (_, i) => perTick.get(i) ?? 0).sort((a, b) => a - b);
  return { mean: dueDates.length / ticks, p99: counts[Math.floor(ticks * 0.99)], max: counts[ticks - 1] };
}

async function main() {
  const workerMain = join(projectRoot(), 'dist', 'apps', 'worker', 'apps', 'worker', 'src', 'main.js');
  if (!existsSync(workerMain)) throw new Error('run `npm run build` first');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startRedis } = require('../scripts/lib/redis-server.js');
  const redis = process.env.REDIS_URL ? null : await startRedis({ log: () => undefined });
  const redisUrl = process.env.REDIS_URL ?? redis.url;
  const db = await createTestDatabase(dialect);
  const dataSource = await new DataSource(buildDataSourceOptions(db.config)).initialize();
  await runMigrations(dataSource);

  const seedStarted = performance.now();
  await dataSource.transaction((m) => seedRegions(m));
  const legalEntity = await dataSource.getRepository(LegalEntity).save(
    dataSource.getRepository(LegalEntity).create({
      finess: '750712184',
      name: 'EJ de banc d’essai',
      legalStatus: 'public',
      regionCode: '11',
      departementCode: '75',
    }),
  );
  const weekStart = new Date();
  const ids: string[] = [];
  const dueDates: Date[] = [];
  const establishmentCount = Math.ceil(assetCount / perEstablishment);
  for (let start = 0; start < establishmentCount; start += 200) {
    const establishments = Array.from({ length: Math.min(200, establishmentCount - start) }, (_, i) => ({
      id: randomUUID(),
      finess: completeFiness(`75${String(start + i).padStart(6, '0')}`),
      name: `Établissement ${start + i}`,
      category: 'ch' as const,
      legalEntityId: legalEntity.id,
      regionCode: '11',
      departementCode: '75',
      ghtId: null,
      bedCount: 100,
    }));
    const assets = establishments.flatMap((e, k) =>
      Array.from({ length: perEstablishment }, (_, j) => {
        const index = (start + k) * perEstablishment + j;
        const id = randomUUID();
        const nextScanAt = firstScheduledScan(id, weekStart, INTERVAL_DAYS);
        ids.push(id);
        dueDates.push(nextScanAt);
        return {
          id,
          establishmentId: e.id,
          kind: 'ipv4' as const,
          value: loopback(index),
          verificationToken: '0'.repeat(32),
          verifiedAt: weekStart,
          verificationMethod: 'vouched' as const,
          verifiedById: null,
          createdById: null,
          dkimSelectors: '',
          lastScannedAt: null,
          nextScanAt,
        };
      }),
    );
    await dataSource.transaction(async (m) => {
      await m.insert(Establishment, establishments);
      for (let i = 0; i < assets.length; i += 500) await m.insert(Asset, assets.slice(i, i + 500));
    });
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const spreadFigures = spread(dueDates, weekStart);

  // A backlog (after an outage, or the first week): the first `catchUp` assets are all due now.
  const backlog = ids.slice(0, catchUp);
  for (let i = 0; i < backlog.length; i += 500)
    await dataSource
      .getRepository(Asset)
      .update({ id: In(backlog.slice(i, i + 500)) }, { nextScanAt: new Date(Date.now() - 1000) });

  const prefix = `bench-${Date.now()}`;
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    DATA_DIR: db.dataDir,
    ...(db.config.type === 'postgres' ? { DATABASE_URL: db.config.url } : {}),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    WORKER_CONCURRENCY: concurrency,
    WORKER_HEALTH_PORT: '0',
    HOUSEKEEPING_CRON: 'off',
    SCAN_SCHEDULER_TICK_SECONDS: '0',
    SCAN_ALLOWED_NETWORKS: '127.0.0.0/8',
    SCAN_MAX_PER_ESTABLISHMENT: '2',
    SCAN_GLOBAL_CONCURRENCY: '256',
    LOG_LEVEL: 'warn',
  };
  const processes: ChildProcess[] = Array.from({ length: workers }, () =>
    spawn(process.execPath, [workerMain], { env, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  const queue = new Queue(QueueName.Scans, { connection: { url: redisUrl }, prefix });
  const maintenance = new Queue(QueueName.Maintenance, { connection: { url: redisUrl }, prefix });
  const events = new QueueEvents(QueueName.Maintenance, { connection: { url: redisUrl }, prefix });
  for (let i = 0; (await queue.getWorkersCount()) < workers; i++) {
    if (i > 600) throw new Error('the workers did not start');
    await new Promise((r) => setTimeout(r, 100));
  }

  const started = performance.now();
  const tick = await maintenance.add(JobName.ScheduleScans, {
    ...parseJobPayload(JobName.ScheduleScans, { version: 1, trigger: 'manual' }),
  });
  const result = (await tick.waitUntilFinished(events, 600_000)) as ScheduleScansResult;
  const finishedTick = await maintenance.getJob(tick.id!);
  const tickMs = (finishedTick?.finishedOn ?? 0) - (finishedTick?.processedOn ?? 0);
  const scans = dataSource.getRepository(Scan);
  let finished = 0;
  while (finished < result.scansCreated) {
    await new Promise((r) => setTimeout(r, 250));
    finished = await scans.count({ where: { status: In(['completed', 'failed']) } });
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = await scans.count({ where: { status: 'failed' } });

  console.log(
    `dialect: ${dialect}; ${assetCount} verified assets in ${establishmentCount} establishments; seeding ${seedSeconds.toFixed(1)} s (not timed below)`,
  );
  console.log(
    `spread over ${INTERVAL_DAYS} days, assets due per ${TICK_SECONDS}-s tick: mean ${spreadFigures.mean.toFixed(1)}, p99 ${spreadFigures.p99}, max ${spreadFigures.max}`,
  );
  console.log(
    `one tick over the whole table with ${catchUp} assets due: ${tickMs} ms; ${result.scansCreated} scans created, ${result.establishmentsAtLimit} establishments at their limit`,
  );
  console.log(
    `those scans run by ${workers} worker process(es), concurrency ${concurrency}: ${seconds.toFixed(1)} s, ${(catchUp / seconds).toFixed(0)} assets/s (${failed} failed scans); a week of ${assetCount} assets needs ${(assetCount / (INTERVAL_DAYS * 86400)).toFixed(2)} assets/s`,
  );

  for (const child of processes) child.kill('SIGTERM');
  await Promise.all(processes.map((child) => new Promise((r) => child.once('exit', r))));
  await events.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await maintenance.obliterate({ force: true }).catch(() => undefined);
  await maintenance.close();
  await dataSource.destroy();
  await db.drop();
  redis?.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
