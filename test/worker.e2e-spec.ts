import { request as httpRequest } from 'node:http';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { ModulesContainer } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, QueueName, REPEATING_JOBS } from '@vigie/contracts';
import { RefreshToken, User } from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { Client } from 'pg';
import { createWorker, type RunningWorker } from '../apps/worker/src/worker.factory';
import { WorkerHealthServer } from '../apps/worker/src/health/worker-health.server';
import { RepeatingJobsScheduler } from '../apps/worker/src/jobs/repeating-jobs.scheduler';
import { type ApiHarness, LogCapture, startApi } from './support/api-harness';
import { seedTenants, type Tenants } from './support/tenants';
import { spawnWorker, waitFor } from './support/worker-process';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** The value of a Prometheus sample with (at least) these labels, whatever their order. */
function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('jobs through the worker', () => {
  let api: ApiHarness;
  let t: Tenants;
  let worker: RunningWorker;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
    admin = await api.adminToken();
    worker = await createWorker(api.config, { logDestination: new LogCapture() });
  });
  afterAll(async () => {
    await worker.drain(5000);
    await api.close();
  });

  it('round-trips a housekeeping job from the API to the worker and back', async () => {
    const tokens = api.dataSource.getRepository(RefreshToken);
    await tokens.save(
      tokens.create({
        userId: t.cisoA.id,
        familyId: t.cisoA.id,
        tokenHash: createHash('sha256').update('expired').digest('hex'),
        expiresAt: new Date(Date.now() - 1000),
        consumedAt: null,
        revokedAt: null,
        revokedReason: null,
      }),
    );
    await api.dataSource
      .getRepository(User)
      .update({ id: t.cisoB.id }, { lockedUntil: new Date(Date.now() - 1000), failedLoginCount: 5 });

    const queued = await api
      .http()
      .post('/api/v1/jobs/housekeeping')
      .set('Authorization', `Bearer ${admin}`)
      .expect(202);
    expect(queued.body).toMatchObject({
      queue: 'maintenance',
      name: 'maintenance.housekeeping',
      statusUrl: expect.stringMatching(/^\/api\/v1\/jobs\/maintenance\//),
    });
    const done = await waitFor(
      async () => {
        const res = await api
          .http()
          .get(queued.body.statusUrl)
          .set('Authorization', `Bearer ${admin}`)
          .expect(200);
        return res.body.state === 'completed' && res.body;
      },
      15000,
      'the housekeeping job to complete',
    );
    expect(done.result).toMatchObject({ refreshTokensDeleted: 1, apiKeysPurged: 0, loginLocksCleared: 1 });
    expect(await tokens.countBy({ userId: t.cisoA.id })).toBe(0);
    expect(await api.dataSource.getRepository(User).findOneByOrFail({ id: t.cisoB.id })).toMatchObject({
      lockedUntil: null,
      failedLoginCount: 0,
    });
    const audit = await api
      .http()
      .get('/api/v1/audit-events?action=maintenance.housekeeping')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actorType: 'user',
      changes: { refreshTokensDeleted: { to: 1 } },
    });
  });

  it('fails a job whose payload breaks its contract at once, with the reason, without retrying', async () => {
    const queue = api.app.get(JobProducer).queue(QueueName.Maintenance);
    const job = await queue.add(
      JobName.Housekeeping,
      { version: 1, trigger: 'sometimes' },
      DEFAULT_JOB_OPTIONS[JobName.Housekeeping],
    );
    const failed = await waitFor(
      async () => (await job.getState()) === 'failed' && (await queue.getJob(job.id!)),
      15000,
      'the job to fail',
    );
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/Invalid payload for job maintenance.housekeeping: trigger/);
    const status = await api
      .http()
      .get(`/api/v1/jobs/maintenance/${job.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(status.body).toMatchObject({ state: 'failed', failedReason: expect.stringContaining('trigger') });
  });

  it('exposes worker health and job metrics on its own port', async () => {
    const port = worker.app.get(WorkerHealthServer).port!;
    const health = await get(port, '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' } },
    });
    const metrics = await get(port, '/metrics');
    const job = { name: 'maintenance.housekeeping' };
    expect(
      metricValue(metrics.body, 'vigie_job_duration_seconds_count', { ...job, outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics.body, 'vigie_job_failures_total', { ...job, final: 'true' })).toBe(1);
    expect(metricValue(metrics.body, 'vigie_queue_jobs', { queue: 'maintenance', state: 'failed' })).toBe(1);
    expect((await get(port, '/nope')).status).toBe(404);
  });

  it('answers 404 for an unknown job and 400 for an unknown queue', async () => {
    const missing = await api
      .http()
      .get('/api/v1/jobs/maintenance/999999')
      .set('Authorization', `Bearer ${admin}`);
    expect(missing.body).toMatchObject({ statusCode: 404, message: 'Job maintenance/999999 not found' });
    await api.http().get('/api/v1/jobs/nope/1').set('Authorization', `Bearer ${admin}`).expect(400);
  });

  it('handles every job of the contracts exactly once, on the queue the contracts route it to', () => {
    const processors = [...worker.app.get(ModulesContainer).values()]
      .flatMap((module) => [...module.providers.values()])
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost & { handlers: object } => instance instanceof WorkerHost);
    const handlersByJob: Record<string, string[]> = {};
    for (const processor of processors)
      for (const name of Object.keys(processor.handlers))
        (handlersByJob[name] ??= []).push(processor.worker.name);
    expect(handlersByJob).toEqual(
      Object.fromEntries(Object.values(JobName).map((name) => [name, [JOB_QUEUE[name]]])),
    );
    expect(processors.map((p) => p.worker.name).sort()).toEqual(Object.values(QueueName).sort());
  });

  it('registers the repeating jobs of the contracts once, and removes those the settings turn off', async () => {
    const producer = api.app.get(JobProducer);
    const schedulers = async () =>
      (
        await Promise.all(Object.values(QueueName).map((queue) => producer.queue(queue).getJobSchedulers()))
      ).flat();
    // A day apart: nothing they queue runs during the test.
    const on = { ...api.config, worker: { ...api.config.worker, housekeepingCron: '0 4 * * *' } };
    on.scan = { ...api.config.scan, schedulerTickSeconds: 86400 };
    // Two workers starting register each schedule once.
    await new RepeatingJobsScheduler(on, producer).onApplicationBootstrap();
    await new RepeatingJobsScheduler(on, producer).onApplicationBootstrap();
    expect(
      (await schedulers())
        .map((s) => ({ key: s.key, name: s.name }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    ).toEqual(
      REPEATING_JOBS.map((job) => ({ key: job.schedulerId, name: job.name })).sort((a, b) =>
        a.key.localeCompare(b.key),
      ),
    );
    expect(await schedulers()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'housekeeping', pattern: '0 4 * * *', tz: 'UTC' }),
        expect.objectContaining({ key: 'scan-schedule', every: 86400000 }),
      ]),
    );
    await new RepeatingJobsScheduler(api.config, producer).onApplicationBootstrap();
    expect(await schedulers()).toEqual([]);
  });
});

describe('worker process on SIGTERM', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  /** Holds the tables housekeeping writes to, so the job stays active as long as the test wants. */
  async function lockTables(): Promise<() => Promise<void>> {
    const database = api.config.database;
    if (database.type === 'sqlite') {
      const db = new Database(database.path);
      db.exec('BEGIN IMMEDIATE');
      return async () => {
        db.exec('COMMIT');
        db.close();
      };
    }
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE refresh_token IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await client.query('COMMIT');
      await client.end();
    };
  }

  it('finishes its active job before exiting', async () => {
    const worker = spawnWorker(api.config, { SHUTDOWN_TIMEOUT_MS: '20000' });
    try {
      await waitFor(async () => worker.output().includes('Worker health on'), 20000, 'the worker to start');
      const release = await lockTables();
      const producer = api.app.get(JobProducer);
      const { id } = await producer.enqueue(JobName.Housekeeping, { version: 1, trigger: 'manual' });
      const queue = producer.queue(QueueName.Maintenance);
      await waitFor(
        async () => (await queue.getJob(id))?.getState().then((s) => s === 'active'),
        10000,
        'the job to be active',
      );

      worker.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      expect(worker.child.exitCode).toBeNull();
      await release();

      expect(await worker.exited).toBe(0);
      expect(await (await queue.getJob(id))!.getState()).toBe('completed');
      expect(worker.output()).toMatch(/"outcome":"drained"/);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    }
  });
});
