/**
 * End to end: N establishments with a submitted assessment each, all re-scored through the queue by ONE worker
 * process (the compiled worker, as in production), after a single `scoring.rescore-all` job.
 *   npm run build && npm run bench:scoring -- --dialect postgres --establishments 10000 --concurrency 8
 * Prints total time, scorings per second and the worker's peak memory (VmHWM).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeFiness } from '@vigie/common';
import { projectRoot } from '@vigie/config';
import { JobName, parseJobPayload, QueueName } from '@vigie/contracts';
import {
  Assessment,
  AssessmentAnswer,
  buildDataSourceOptions,
  Establishment,
  LegalEntity,
  runMigrations,
  ScoreSnapshot,
  SecurityPlanVersion,
} from '@vigie/database';
import { createTestDatabase } from '@vigie/testing';
import { compareVersions, type Level, loadPlanDirectory, planHash } from '@vigie/security-plan';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { seedRegions } from '../apps/api/src/seed/reference-data';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dialect = option('dialect', 'sqlite') as 'sqlite' | 'postgres';
const count = Number(option('establishments', '10000'));
const concurrency = option('concurrency', '8');
const root = projectRoot();

async function main() {
  const workerMain = join(root, 'dist', 'apps', 'worker', 'apps', 'worker', 'src', 'main.js');
  if (!existsSync(workerMain)) throw new Error('run `npm run build` first');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startRedis } = require('../scripts/lib/redis-server.js');
  const redis = process.env.REDIS_URL ? null : await startRedis({ log: () => undefined });
  const redisUrl = process.env.REDIS_URL ?? redis.url;
  const db = await createTestDatabase(dialect);
  const dataSource = await new DataSource(buildDataSourceOptions(db.config)).initialize();
  await runMigrations(dataSource);

  const plan = loadPlanDirectory(join(root, 'config', 'security-plan'))
    .sort((a, b) => compareVersions(a.version, b.version))
    .at(-1)!;
  const seedStarted = performance.now();
  await dataSource.transaction(async (m) => {
    await seedRegions(m);
    await m.insert(SecurityPlanVersion, {
      version: plan.version,
      title: plan.title,
      status: 'published',
      source: 'file',
      contentHash: planHash(plan),
      content: JSON.stringify(plan),
      publishedAt: new Date(),
    });
  });
  const legalEntity = await dataSource.getRepository(LegalEntity).save(
    dataSource.getRepository(LegalEntity).create({
      finess: '750712184',
      name: 'EJ de banc d’essai',
      legalStatus: 'public',
      regionCode: '11',
      departementCode: '75',
    }),
  );
  let state = 7;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const categories = ['ch', 'chu', 'ehpad', 'private_clinic', 'smr'] as const;
  for (let start = 0; start < count; start += 500) {
    const size = Math.min(500, count - start);
    const establishments = Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      finess: completeFiness(`75${String(start + i).padStart(6, '0')}`),
      name: `Établissement ${start + i}`,
      category: categories[(start + i) % categories.length],
      legalEntityId: legalEntity.id,
      regionCode: '11',
      departementCode: '75',
      ghtId: null,
      bedCount: 50 + ((start + i) % 900),
    }));
    const assessments = establishments.map((e) => ({
      id: randomUUID(),
      establishmentId: e.id,
      planVersion: plan.version,
      mode: 'full' as const,
      profileCategory: e.category,
      profileBedCount: e.bedCount,
      status: 'submitted' as const,
      createdById: null,
      submittedById: null,
      submittedAt: new Date(),
      copiedFromId: null,
    }));
    const answers = assessments.flatMap((a) =>
      plan.measures.map((m) => {
        const r = random();
        return r < 0.05
          ? {
              assessmentId: a.id,
              measureId: m.id,
              status: 'dont_know' as const,
              level: null,
              reason: null,
              comment: null,
              revision: 1,
              updatedById: null,
            }
          : {
              assessmentId: a.id,
              measureId: m.id,
              status: 'level' as const,
              level: Math.floor(random() * 5) as Level,
              reason: null,
              comment: null,
              revision: 1,
              updatedById: null,
            };
      }),
    );
    await dataSource.transaction(async (m) => {
      await m.insert(Establishment, establishments);
      await m.insert(Assessment, assessments);
      for (let i = 0; i < answers.length; i += 100)
        await m.insert(AssessmentAnswer, answers.slice(i, i + 100));
    });
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const prefix = `bench-${Date.now()}`;
  const worker = spawn(process.execPath, [workerMain], {
    env: {
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
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  worker.stdout.on('data', (d) => (output += d));
  worker.stderr.on('data', (d) => (output += d));
  const status = () =>
    existsSync(`/proc/${worker.pid}/status`) ? readFileSync(`/proc/${worker.pid}/status`, 'utf8') : '';
  const kib = (field: string) =>
    Number(
      /(\d+) kB/.exec(
        status()
          .split('\n')
          .find((l) => l.startsWith(field)) ?? '',
      )?.[1] ?? 0,
    );
  // Ready when the scoring queue has a worker attached.
  const queue = new Queue(QueueName.Scoring, { connection: { url: redisUrl }, prefix });
  for (let i = 0; (await queue.getWorkersCount()) === 0; i++) {
    if (i > 600 || worker.exitCode !== null) throw new Error(`worker did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const started = performance.now();
  await queue.add(JobName.RescoreAll, {
    ...parseJobPayload(JobName.RescoreAll, { version: 1, trigger: 'scoring_change' }),
  });
  const snapshots = dataSource.getRepository(ScoreSnapshot);
  let done = 0;
  while (done < count) {
    await new Promise((r) => setTimeout(r, 250));
    done = await snapshots.count();
    if (worker.exitCode !== null) throw new Error(`worker exited:\n${output}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const peakKiB = kib('VmHWM:');
  const failed = await queue.getFailedCount();

  console.log(
    `dialect: ${dialect}; establishments: ${count}; plan ${plan.version} (${plan.measures.length} measures, full mode); worker concurrency ${concurrency}`,
  );
  console.log(`seeding (not timed below): ${seedSeconds.toFixed(1)} s`);
  console.log(
    `re-scoring through the queue by one worker process: ${seconds.toFixed(1)} s, ${Math.round(count / seconds)} scorings/s, ${failed} failed jobs`,
  );
  console.log(`worker peak memory (VmHWM): ${(peakKiB / 1024).toFixed(0)} MiB`);

  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await dataSource.destroy();
  await db.drop();
  redis?.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
