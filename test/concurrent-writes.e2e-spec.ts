import { Scan, ScoreSnapshot } from '@vigie/database';
import { In } from 'typeorm';
import { type ApiHarness, startApi } from './support/api-harness';
import { answerAll } from './support/assessments';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';
import { spawnWorker, waitFor, type WorkerProcess } from './support/worker-process';

const SAVE_ROUNDS = 8;
const SCANS = 24;

/**
 * The API and the worker as `npm start` runs them: two processes on one database (one SQLite file in the
 * SQLite pass). A CISO saves answers while configuration scans run and establishments are re-scored; every
 * request must succeed, and a conflict is only reported when there is one.
 */
describe('API and worker writing to the same database at once', () => {
  let api: ApiHarness;
  let worker: WorkerProcess;
  let t: Tenants;
  let ciso: string;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi({ scan: { maxPerEstablishment: SCANS, globalConcurrency: 8 } });
    t = await seedTenants(api.dataSource);
    worker = spawnWorker(api.config, { WORKER_CONCURRENCY: '4' });
    await waitFor(async () => worker.output().includes('Worker health on'), 30000, 'the worker to start');
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
    admin = await api.adminToken();
  });
  afterAll(async () => {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await api.close();
  });

  const uploadConfig = async (establishmentId: string, label: string) =>
    (
      await api
        .http()
        .post(`/api/v1/establishments/${establishmentId}/config-files`)
        .set(as(admin))
        .field('kind', 'sshd')
        .field('label', label)
        .attach('files', Buffer.from('PermitRootLogin yes\nPasswordAuthentication yes\n'), 'sshd_config')
        .expect(201)
    ).body.id as string;

  it('saves every answer while scans and scorings write, then opens the next assessment at once', async () => {
    // A2 has a submitted assessment: each finished scan of A2 re-scores it in the worker.
    const submitted = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a2.id}/assessments`)
        .set(as(admin))
        .send({ mode: 'short' })
        .expect(201)
    ).body.id;
    await answerAll(api.http, admin, submitted);
    await api.http().post(`/api/v1/assessments/${submitted}/submit`).set(as(admin)).expect(200);
    const configs = {
      [t.a2.id]: await uploadConfig(t.a2.id, 'Bastion A2'),
      [t.b1.id]: await uploadConfig(t.b1.id, 'Bastion B1'),
    };

    const draft = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assessments`)
        .set(as(ciso))
        .send({ mode: 'short' })
        .expect(201)
    ).body;
    const measures = (await api.http().get(`/api/v1/assessments/${draft.id}`).set(as(ciso)).expect(200)).body
      .applicableMeasureIds as string[];

    const failures: string[] = [];
    let saves = 0;
    const revisions = new Map<string, number>();
    const saveAll = async (lane: number, lanes: number) => {
      for (let round = 0; round < SAVE_ROUNDS; round++) {
        for (const [i, measureId] of measures.entries()) {
          if (i % lanes !== lane) continue;
          const res = await api
            .http()
            .put(`/api/v1/assessments/${draft.id}/answers/${measureId}`)
            .set(as(ciso))
            .send({
              status: 'level',
              level: (i + round) % 5,
              expectedRevision: revisions.get(measureId) ?? 0,
            });
          saves++;
          if (res.status === 200) revisions.set(measureId, res.body.revision);
          else failures.push(`save ${measureId}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    };
    const scanIds: string[] = [];
    const scanAndRescore = async () => {
      for (let i = 0; i < SCANS; i++) {
        const establishmentId = i % 2 === 0 ? t.a2.id : t.b1.id;
        const scan = await api
          .http()
          .post(`/api/v1/establishments/${establishmentId}/scans`)
          .set(as(admin))
          .send({ configFileIds: [configs[establishmentId]] });
        if (scan.status === 202) scanIds.push(scan.body.id);
        else failures.push(`scan: ${scan.status} ${JSON.stringify(scan.body)}`);
        const rescore = await api.http().post(`/api/v1/establishments/${t.a2.id}/rescore`).set(as(admin));
        if (rescore.status !== 202)
          failures.push(`rescore: ${rescore.status} ${JSON.stringify(rescore.body)}`);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    };
    await Promise.all([saveAll(0, 3), saveAll(1, 3), saveAll(2, 3), scanAndRescore()]);

    const finished = (status: string) => status === 'completed' || status === 'failed';
    const scanRows = () => api.dataSource.getRepository(Scan).findBy({ id: In(scanIds) });
    await waitFor(
      async () => (await scanRows()).every((s) => finished(s.status)),
      120000,
      'every scan to finish',
    ).catch(() => undefined);
    const scans = await scanRows();
    const problems = (text: string) =>
      text
        .split('\n')
        .filter((line) => /"level":(40|50|60)|SQLITE_BUSY|database is locked/.test(line))
        .map((line) => line.slice(0, 300));
    expect({
      failures,
      workerProblems: problems(worker.output()),
      apiProblems: problems(api.logs.text),
    }).toEqual({
      failures: [],
      workerProblems: [],
      apiProblems: [],
    });
    expect(saves).toBe(SAVE_ROUNDS * measures.length);
    expect(scans.map((s) => s.status)).toEqual(scanIds.map(() => 'completed'));
    expect(
      await api.dataSource.getRepository(ScoreSnapshot).countBy({ assessmentId: submitted }),
    ).toBeGreaterThan(1);

    // Submitting queues a scoring; opening the next assessment right after is no conflict.
    await api.http().post(`/api/v1/assessments/${draft.id}/submit`).set(as(ciso)).expect(200);
    await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/assessments`)
      .set(as(ciso))
      .send({ copyFromLatest: true })
      .expect(201);
    // A second draft is the one real conflict.
    const second = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/assessments`)
      .set(as(ciso))
      .send({})
      .expect(409);
    expect(second.body.code).toBe('assessment.draft_exists');
  }, 300_000);
});
