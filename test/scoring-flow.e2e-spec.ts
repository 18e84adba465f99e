import { JobOutbox, ScoreSnapshot } from '@vigie/database';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';
import { waitFor } from './support/worker-process';
import { startWorker } from './support/worker-harness';
import { answerAll } from './support/assessments';
import { JobProducer } from '@vigie/queue';
import { jobIds, QueueName } from '@vigie/contracts';

const { startRedis } = require('../scripts/lib/redis-server.js');

describe('scoring when Redis is down, comparisons, plan versions', () => {
  let redis: { url: string; port: number; stop: () => void };
  let api: ApiHarness;
  let t: Tenants;
  let ciso: string;
  let admin: string;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  let firstSnapshot: ScoreSnapshot;

  beforeAll(async () => {
    redis = await startRedis({ log: () => undefined });
    // A plan document is about 150 kB: the default 1 MiB limit, not the small test one.
    api = await startApi({ redis: { url: redis.url }, api: { bodyLimitBytes: 1024 * 1024 } });
    t = await seedTenants(api.dataSource);
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
    admin = await api.adminToken();
  });
  afterAll(async () => {
    await worker?.drain(5000);
    await api.close();
    redis.stop();
  });

  it('accepts a submission while Redis is down and scores it once Redis is back', async () => {
    const id = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assessments`)
        .set(as(ciso))
        .send({})
        .expect(201)
    ).body.id;
    await answerAll(api.http, ciso, id, (i) => (i % 4) + 1);
    redis.stop();
    await new Promise((r) => setTimeout(r, 300));

    await api.http().post(`/api/v1/assessments/${id}/submit`).set(as(ciso)).expect(200);
    const pending = await api.dataSource
      .getRepository(JobOutbox)
      .findOneByOrFail({ jobId: jobIds.scoreOnSubmit(id) });
    expect(pending.dispatchedAt).toBeNull();
    expect(pending.lastError).toEqual(expect.any(String));

    redis = await startRedis({ log: () => undefined, port: redis.port });
    worker = await startWorker(api.config);
    firstSnapshot = await waitFor(
      () => api.dataSource.getRepository(ScoreSnapshot).findOneBy({ assessmentId: id }),
      30000,
      'the snapshot after Redis came back',
    );
    expect(firstSnapshot.trigger).toBe('submit');
    expect(
      (await api.dataSource.getRepository(JobOutbox).findOneByOrFail({ id: pending.id })).dispatchedAt,
    ).not.toBeNull();
  });

  it('copies the last submitted assessment and explains what moved between the two scores', async () => {
    const copy = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assessments`)
        .set(as(ciso))
        .send({ copyFromLatest: true })
        .expect(201)
    ).body;
    expect(copy.copiedFromId).toBe(firstSnapshot.assessmentId);
    const detail = (await api.http().get(`/api/v1/assessments/${copy.id}`).set(as(ciso)).expect(200)).body;
    expect(detail.answers.length).toBe(detail.applicableMeasureIds.length);
    const raised = detail.answers.find(
      (a: { status: string; level: number }) => a.status === 'level' && a.level === 1,
    );
    await api
      .http()
      .put(`/api/v1/assessments/${copy.id}/answers/${raised.measureId}`)
      .set(as(ciso))
      .send({ status: 'level', level: 4, expectedRevision: raised.revision })
      .expect(200);
    await api.http().post(`/api/v1/assessments/${copy.id}/submit`).set(as(ciso)).expect(200);
    const second = await waitFor(
      () => api.dataSource.getRepository(ScoreSnapshot).findOneBy({ assessmentId: copy.id }),
      15000,
      'the second snapshot',
    );

    const history = (
      await api.http().get(`/api/v1/establishments/${t.a1.id}/scores`).set(as(ciso)).expect(200)
    ).body;
    expect(history.items.map((s: { id: string }) => s.id)).toEqual([second.id, firstSnapshot.id]);
    const diff = (
      await api
        .http()
        .get(`/api/v1/establishments/${t.a1.id}/scores/compare?from=${firstSnapshot.id}&to=${second.id}`)
        .set(as(ciso))
        .expect(200)
    ).body;
    expect(diff.overall.delta).toBeGreaterThan(0);
    expect(diff.measures[0]).toMatchObject({
      measureId: raised.measureId,
      fromLevel: 1,
      toLevel: 4,
      why: 'niveau déclaré passé de 1 à 4',
    });
    expect(diff.measures[0].pointsDelta).toBeCloseTo(diff.overall.delta, 1);
    const one = (
      await api.http().get(`/api/v1/establishments/${t.a1.id}/scores/${second.id}`).set(as(ciso)).expect(200)
    ).body;
    expect(one.explanation.inputHash).toBe(second.inputHash);
    await api
      .http()
      .get(`/api/v1/establishments/${t.a1.id}/scores/compare?from=${firstSnapshot.id}`)
      .set(as(ciso))
      .expect(400);
  });

  it('loads, validates and publishes a new plan version; published versions are immutable; publishing rescores', async () => {
    const current = (
      await api.http().get('/api/v1/security-plans').set(as(admin)).expect(200)
    ).body.items.find((p: { current: boolean }) => p.current);
    const plan = (
      await api.http().get(`/api/v1/security-plans/${current.version}`).set(as(admin)).expect(200)
    ).body;
    const document = {
      version: '2099.1',
      title: plan.title,
      description: plan.description,
      publishedAt: '2099-01-01',
      tiers: plan.tiers,
      domains: plan.domains.map(({ id, title, description, weight }: Record<string, unknown>) => ({
        id,
        title,
        description,
        weight,
      })),
      measures: plan.domains.flatMap((d: { measures: Record<string, unknown>[] }) => d.measures),
    };
    const invalid = await api
      .http()
      .post('/api/v1/security-plans')
      .set(as(admin))
      .send({ ...document, version: 'next' })
      .expect(400);
    expect(invalid.body.details).toEqual([
      { field: 'version', problem: 'must look like "2026.1" (year, dot, number)' },
    ]);
    await api.http().post('/api/v1/security-plans').set(as(ciso)).send(document).expect(403);

    const created = await api.http().post('/api/v1/security-plans').set(as(admin)).send(document).expect(201);
    expect(created.body).toMatchObject({ version: '2099.1', status: 'draft', current: false, source: 'api' });
    await api
      .http()
      .post(`/api/v1/establishments/${t.a2.id}/assessments`)
      .set(as(admin))
      .send({ planVersion: '2099.1' })
      .expect(400);
    await api.http().post('/api/v1/security-plans').set(as(admin)).send(document).expect(409);

    const before = await api.dataSource.getRepository(ScoreSnapshot).count();
    const published = await api
      .http()
      .post('/api/v1/security-plans/2099.1/publish')
      .set(as(admin))
      .expect(200);
    expect(published.body).toMatchObject({ status: 'published', current: true });
    await api.http().post('/api/v1/security-plans/2099.1/publish').set(as(admin)).expect(400);

    // The rescore-all job re-scores every latest submitted assessment: same inputs, so no new snapshot.
    const outbox = await api.dataSource
      .getRepository(JobOutbox)
      .findOneByOrFail({ jobId: jobIds.rescoreAllForPlan('2099.1') });
    await waitFor(
      async () =>
        (await api.dataSource.getRepository(JobOutbox).findOneByOrFail({ id: outbox.id })).dispatchedAt,
      10000,
      'dispatch',
    );
    const queue = api.app.get(JobProducer).queue(QueueName.Scoring);
    const rescoreAll = await waitFor(
      async () => {
        const job = await queue.getJob(outbox.jobId);
        return job && (await job.getState()) === 'completed' && (await queue.getJob(job.id!));
      },
      15000,
      'the rescore-all job',
    );
    expect(rescoreAll.returnvalue).toEqual({ enqueued: 1 });
    await waitFor(
      async () =>
        (await queue.getJobCounts('waiting', 'active')).waiting +
          (await queue.getJobCounts('active')).active ===
        0,
      15000,
      'the scoring jobs',
    );
    expect(await api.dataSource.getRepository(ScoreSnapshot).count()).toBe(before);
  });
});
