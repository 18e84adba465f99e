import { randomUUID } from 'node:crypto';
import { jobIds, QueueName } from '@vigie/contracts';
import { Assessment, AuditEvent, EvidenceFile, ScoreSnapshot } from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { SCORING_VERSION } from '@vigie/scoring';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';
import { waitFor } from './support/worker-process';
import { startWorker } from './support/worker-harness';
import { answerAll, PDF } from './support/assessments';

describe('self-assessments and scoring', () => {
  let api: ApiHarness;
  let t: Tenants;
  let ciso: string;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
    worker = await startWorker(api.config);
  });
  afterAll(async () => {
    await worker.drain(5000);
    await api.close();
  });

  it('serves the security plan loaded from config/security-plan', async () => {
    const list = await api.http().get('/api/v1/security-plans').set(as(ciso)).expect(200);
    expect(list.body).toMatchObject({ total: list.body.items.length, limit: 50, offset: 0 });
    const current = list.body.items.find((p: { current: boolean }) => p.current);
    expect(current).toMatchObject({ status: 'published', source: 'file' });
    const plan = (await api.http().get(`/api/v1/security-plans/${current.version}`).set(as(ciso)).expect(200))
      .body;
    const measures = plan.domains.flatMap((d: { measures: unknown[] }) => d.measures);
    expect(plan.domains.length).toBeGreaterThanOrEqual(6);
    expect(measures.length).toBeGreaterThanOrEqual(60);
    expect(measures[0]).toMatchObject({
      levels: { 0: expect.any(String), 4: expect.any(String) },
      mappings: { nistCsf: expect.any(Array) },
    });
    const missing = await api.http().get('/api/v1/security-plans/1999.1').set(as(ciso)).expect(404);
    expect(missing.body.code).toBe('security_plan.not_found');
  });

  it('runs the whole flow: start, answer, evidence, submit, score, explain', async () => {
    const started = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/assessments`)
      .set(as(ciso))
      .send({})
      .expect(201);
    expect(started.body).toMatchObject({ status: 'draft', mode: 'full', establishmentId: t.a1.id });
    const id = started.body.id;
    const secondDraft = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/assessments`)
      .set(as(ciso))
      .send({})
      .expect(409);
    expect(secondDraft.body.code).toBe('assessment.draft_exists');

    // Nothing submitted yet: no score, nothing to rescore, and both say so.
    const noScore = await api
      .http()
      .get(`/api/v1/establishments/${t.a1.id}/scores/latest`)
      .set(as(ciso))
      .expect(404);
    expect(noScore.body).toMatchObject({
      code: 'score.none_yet',
      message: `Establishment ${t.a1.id} has no score yet: no assessment has been submitted`,
    });
    const nothingToScore = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/rescore`)
      .set(as(ciso))
      .expect(409);
    expect(nothingToScore.body).toMatchObject({
      code: 'score.nothing_submitted',
      message: expect.stringMatching(/no submitted assessment to score/),
    });

    const incomplete = await api.http().post(`/api/v1/assessments/${id}/submit`).set(as(ciso)).expect(400);
    expect(incomplete.body.code).toBe('assessment.incomplete');
    expect(incomplete.body.message).toMatch(/applicable measure\(s\) are not answered yet/);
    expect(incomplete.body.details[0].field).toMatch(/^answers\./);

    const assessment = await answerAll(api.http, ciso, id);
    const measureId = assessment.applicableMeasureIds[3];
    const uploaded = await api
      .http()
      .post(`/api/v1/assessments/${id}/answers/${measureId}/evidence`)
      .set(as(ciso))
      .attach('file', PDF, 'politique.pdf')
      .expect(201);
    expect(uploaded.body).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const downloaded = await api
      .http()
      .get(`/api/v1/assessments/${id}/evidence/${uploaded.body.id}`)
      .set(as(ciso))
      .expect(200);
    expect(Buffer.from(downloaded.body).equals(PDF)).toBe(true);
    expect(downloaded.headers['x-content-sha256']).toBe(uploaded.body.sha256);

    const progress = (await api.http().get(`/api/v1/assessments/${id}`).set(as(ciso)).expect(200)).body
      .progress;
    expect(progress.every((d: { percent: number }) => d.percent === 100)).toBe(true);

    await api.http().post(`/api/v1/assessments/${id}/submit`).set(as(ciso)).expect(200);
    const snapshot = await waitFor(
      async () => api.dataSource.getRepository(ScoreSnapshot).findOneBy({ assessmentId: id }),
      15000,
      'the score snapshot',
    );
    expect(snapshot?.trigger).toBe('submit');
    const scoring = api.app.get(JobProducer).queue(QueueName.Scoring);
    const submitJob = await waitFor(
      async () => {
        const job = await scoring.getJob(jobIds.scoreOnSubmit(id));
        return job && (await job.getState()) === 'completed' && (await scoring.getJob(job.id!));
      },
      15000,
      'the submit scoring job',
    );
    expect(submitJob?.returnvalue).toMatchObject({
      snapshotId: snapshot!.id,
      created: true,
      unchanged: false,
    });

    const latest = (
      await api.http().get(`/api/v1/establishments/${t.a1.id}/scores/latest`).set(as(ciso)).expect(200)
    ).body;
    expect(latest.overall).toBeGreaterThan(0);
    expect(latest.overall).toBeLessThan(100);
    const e = latest.explanation;
    expect(e.measures.length).toBeGreaterThanOrEqual(60);
    expect(e.counts).toMatchObject({ dontKnow: 1, notApplicable: 1 });
    expect(e.actions.length).toBeGreaterThan(0);
    expect(e.actions[0].gain).toBeGreaterThanOrEqual(e.actions.at(-1).gain);
    const lost = e.measures.reduce((sum: number, m: { lostPoints: number }) => sum + m.lostPoints, 0);
    expect(Math.abs(100 - lost - latest.overall)).toBeLessThan(0.5);
    expect(e.measures.find((m: { id: string }) => m.id === measureId).evidenceMissing).toBe(false);

    // Submitted answers never change.
    const frozen = await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${measureId}`)
      .set(as(ciso))
      .send({ status: 'level', level: 4, expectedRevision: 1 })
      .expect(409);
    expect(frozen.body.code).toBe('assessment.frozen');
    const frozenEvidence = await api
      .http()
      .post(`/api/v1/assessments/${id}/answers/${measureId}/evidence`)
      .set(as(ciso))
      .attach('file', PDF, 'x.pdf')
      .expect(409);
    expect(frozenEvidence.body.code).toBe('assessment.frozen');
    expect(
      await api.dataSource.getRepository(AuditEvent).countBy({ action: 'assessment.submit', resourceId: id }),
    ).toBe(1);

    // The CISO who asks for a rescore follows its job; it says the rescore changed nothing (same inputs, one
    // snapshot per input).
    const again = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/rescore`)
      .set(as(ciso))
      .expect(202);
    expect(again.body).toMatchObject({
      assessmentId: id,
      queue: QueueName.Scoring,
      statusUrl: `/api/v1/jobs/scoring/${again.body.jobId}`,
    });
    const rescored = await waitFor(
      async () => {
        const res = await api.http().get(again.body.statusUrl).set(as(ciso)).expect(200);
        return res.body.state === 'completed' && res.body;
      },
      15000,
      'the rescore job',
    );
    expect(rescored).toMatchObject({ id: again.body.jobId, name: 'scoring.score-assessment' });
    expect(rescored.result).toEqual({
      snapshotId: snapshot!.id,
      created: false,
      unchanged: true,
      inputHash: snapshot!.inputHash,
      overall: snapshot!.overall,
      tier: snapshot!.tier,
    });
    expect(await api.dataSource.getRepository(ScoreSnapshot).countBy({ assessmentId: id })).toBe(1);
    // Another establishment's CISO cannot follow it, nor learn that it exists.
    const other = await api
      .http()
      .get(again.body.statusUrl)
      .set(as(await api.login('ciso.b@test.fr', PASSWORD)))
      .expect(404);
    expect(other.body).toMatchObject({ code: 'job.not_found' });
  });

  it('rescores everything once when a worker starts with a new scoring version', async () => {
    const repo = api.dataSource.getRepository(ScoreSnapshot);
    const current = await repo.findOneByOrFail({ establishmentId: t.a1.id });
    await repo.insert({
      ...current,
      id: randomUUID(),
      scoringVersion: '0.9.0',
      inputHash: 'f'.repeat(64),
      // The latest snapshot of the establishment, as left by the previous deployment.
      createdAt: new Date(Date.now() + 1000),
    });
    const second = await startWorker(api.config);
    try {
      const queue = api.app.get(JobProducer).queue(QueueName.Scoring);
      const job = await waitFor(
        async () => {
          const found = await queue.getJob(jobIds.rescoreAllForScoring(SCORING_VERSION));
          // Read the job after it completed: a copy fetched earlier has no return value yet.
          return found && (await found.getState()) === 'completed' && (await queue.getJob(found.id!));
        },
        15000,
        'the rescore-all job of the new scoring version',
      );
      expect(job.returnvalue.enqueued).toBeGreaterThanOrEqual(1);
      expect(job.data).toMatchObject({ trigger: 'scoring_change' });
    } finally {
      await second.drain(5000);
    }
  });

  it('refuses a second writer with 409 and the current answer', async () => {
    const started = await api
      .http()
      .post(`/api/v1/establishments/${t.a2.id}/assessments`)
      .set(as(await api.adminToken()))
      .send({ mode: 'short' })
      .expect(201);
    const id = started.body.id;
    // CISO A is not in charge of A2: the assessment does not exist for them.
    await api.http().get(`/api/v1/assessments/${id}`).set(as(ciso)).expect(404);
    const measureId = (
      await api
        .http()
        .get(`/api/v1/assessments/${id}`)
        .set(as(await api.adminToken()))
        .expect(200)
    ).body.applicableMeasureIds[0];
    const admin = await api.adminToken();
    const analyst = await api.login('analyst11@test.fr', PASSWORD);
    const first = await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${measureId}`)
      .set(as(admin))
      .send({ status: 'level', level: 2 })
      .expect(200);
    expect(first.body.revision).toBe(1);
    // A second editor who read no answer (revision 0) must not overwrite the first.
    const lost = await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${measureId}`)
      .set(as(admin))
      .send({ status: 'level', level: 4, expectedRevision: 0 })
      .expect(409);
    expect(lost.body).toMatchObject({
      statusCode: 409,
      code: 'answer.revision_conflict',
      message: expect.stringMatching(/Someone else changed this answer/),
      details: [{ field: 'expectedRevision', problem: expect.any(String) }],
      current: { measureId, status: 'level', level: 2, revision: 1, updatedAt: expect.any(String) },
    });
    // A revision of an answer that does not exist: the conflict says so with current null.
    const unanswered = (await api.http().get(`/api/v1/assessments/${id}`).set(as(admin))).body
      .applicableMeasureIds[1];
    const none = await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${unanswered}`)
      .set(as(admin))
      .send({ status: 'dont_know', expectedRevision: 3 })
      .expect(409);
    expect(none.body).toMatchObject({ code: 'answer.revision_conflict', current: null });
    const second = await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${measureId}`)
      .set(as(admin))
      .send({ status: 'level', level: 4, expectedRevision: 1 })
      .expect(200);
    expect(second.body).toMatchObject({ level: 4, revision: 2 });

    // Bad answers get 400 naming the problem; analysts read but never write; other tenants see nothing.
    const noReason = await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${measureId}`)
      .set(as(admin))
      .send({ status: 'not_applicable', expectedRevision: 2 })
      .expect(400);
    expect(noReason.body.details[0].field).toBe('reason');
    await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${measureId}`)
      .set(as(admin))
      .send({ status: 'level', level: 7, expectedRevision: 2 })
      .expect(400);
    const unknownMeasure = await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/NOPE.99`)
      .set(as(admin))
      .send({ status: 'dont_know' })
      .expect(404);
    expect(unknownMeasure.body.code).toBe('measure.not_found');
    await api.http().get(`/api/v1/assessments/${id}`).set(as(analyst)).expect(200);
    await api
      .http()
      .put(`/api/v1/assessments/${id}/answers/${measureId}`)
      .set(as(analyst))
      .send({ status: 'dont_know', expectedRevision: 2 })
      .expect(403);
    const other = await api.login('ciso.b@test.fr', PASSWORD);
    await api.http().get(`/api/v1/assessments/${id}`).set(as(other)).expect(404);
    await api.http().get(`/api/v1/establishments/${t.a1.id}/scores`).set(as(other)).expect(404);
    await api.http().get(`/api/v1/establishments/${t.a1.id}/assessments`).set(as(analyst)).expect(200);
  });

  it('opens one draft per establishment even when two start at the same moment', async () => {
    const admin = await api.adminToken();
    const site = t.b1.id;
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        api.http().post(`/api/v1/establishments/${site}/assessments`).set(as(admin)).send({ mode: 'short' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const created = results.find((r) => r.status === 201)!.body;
    expect(created).toMatchObject({ status: 'draft', createdAt: expect.any(String) });
    await api.http().delete(`/api/v1/assessments/${created.id}`).set(as(admin)).expect(204);
  });

  it('checks evidence size and type', async () => {
    const admin = await api.adminToken();
    const draft = (
      await api.http().get(`/api/v1/establishments/${t.a2.id}/assessments`).set(as(admin)).expect(200)
    ).body.items.find((a: Assessment) => a.status === 'draft');
    const measureId = (await api.http().get(`/api/v1/assessments/${draft.id}`).set(as(admin)).expect(200))
      .body.applicableMeasureIds[0];
    const url = `/api/v1/assessments/${draft.id}/answers/${measureId}/evidence`;
    const big = await api
      .http()
      .post(url)
      .set(as(admin))
      .attach('file', Buffer.alloc(api.config.evidence.maxBytes + 1, 0x41), 'gros.txt')
      .expect(413);
    expect(big.body).toMatchObject({ statusCode: 413, code: 'evidence.too_large' });
    const exe = await api
      .http()
      .post(url)
      .set(as(admin))
      .attach('file', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), 'outil.pdf')
      .expect(400);
    expect(exe.body).toMatchObject({
      code: 'evidence.unsupported_type',
      message: /Unsupported evidence type/,
    });
    await api
      .http()
      .post(url)
      .set(as(admin))
      .attach('file', Buffer.from('<html><script>alert(1)</script>'), 'page.txt')
      .expect(400);
    const noFile = await api.http().post(url).set(as(admin)).expect(400);
    expect(noFile.body.code).toBe('evidence.file_missing');
    expect(await api.dataSource.getRepository(EvidenceFile).countBy({ assessmentId: draft.id })).toBe(0);
  });
});
