import { createServer, type Server } from 'node:net';
import { JobName } from '@vigie/contracts';
import { Asset, recordScan, Scan, ScanTask } from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { type ApiHarness, startApi } from './support/api-harness';
import { answerAll } from './support/assessments';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';
import { waitFor } from './support/worker-process';
import { startWorker } from './support/worker-harness';

/** An RDP listener: answers the X.224 Connection Request with a Connection Confirm, as a real server does. */
function rdpServer(): Server {
  return createServer((socket) => {
    socket.once('data', () => socket.end(Buffer.from('0300000b06d00000123400', 'hex')));
    socket.on('error', () => undefined);
  });
}

const listen = (server: Server, host: string, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('scan runs: tasks, finding diffs, re-scoring with contradictions, schedule and recovery', () => {
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let t: Tenants;
  let ciso: string;
  let analyst: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  // A loopback address of its own, so the test can listen on the real RDP port without meeting anyone else.
  const host = `127.${20 + (process.pid % 200)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
  let assetId: string;

  beforeAll(async () => {
    api = await startApi({ scan: { checkTimeoutMs: 15000, checkAttempts: 1, maxPerEstablishment: 2 } });
    worker = await startWorker(api.config);
    t = await seedTenants(api.dataSource);
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
    analyst = await api.login('analyst11@test.fr', PASSWORD);
  });
  afterAll(async () => {
    await worker.drain(5000);
    await api.close();
  });

  const scanUntilDone = async (body: object, establishmentId = t.a1.id) => {
    const queued = await api
      .http()
      .post(`/api/v1/establishments/${establishmentId}/scans`)
      .set(as(ciso))
      .send(body)
      .expect(202);
    expect(queued.body).toMatchObject({ status: 'queued', trigger: 'manual', progress: { done: 0 } });
    return waitFor(
      async () => {
        const res = await api.http().get(`/api/v1/scans/${queued.body.id}`).set(as(ciso)).expect(200);
        return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
      },
      60000,
      `scan ${queued.body.id} to finish`,
    );
  };

  it('refuses what cannot be scanned, saying why', async () => {
    const unverified = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assets`)
        .set(as(ciso))
        .send({ kind: 'ipv4', value: host })
        .expect(201)
    ).body;
    assetId = unverified.id;
    const none = await api.http().post(`/api/v1/establishments/${t.a1.id}/scans`).set(as(ciso)).send({});
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/no verified asset/);
    const notYet = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({ assetIds: [assetId] })
      .expect(400);
    expect(notYet.body.details[0].problem).toBe(`${host} (${assetId}) is not verified yet`);
    const foreign = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({ assetIds: ['5f0e0a51-1c1e-4f55-9a0b-2f1d3c4b5a69'] })
      .expect(400);
    expect(foreign.body.details[0].problem).toMatch(/is not an asset of this establishment/);
    await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({ assetIds: ['not-a-uuid'] })
      .expect(400);
    await api
      .http()
      .post(`/api/v1/assets/${assetId}/vouch`)
      .set(as(analyst))
      .send({ reason: 'Adresse publique du CH, confirmée par le RSSI au téléphone' })
      .expect(200);
    const vouched = (await api.http().get(`/api/v1/assets/${assetId}`).set(as(ciso)).expect(200)).body;
    expect(new Date(vouched.nextScanAt).getTime()).toBeGreaterThan(Date.now() - 1000);
  });

  it('finds an exposed RDP, contradicts the declared answer, then sees it resolved and reopened', async () => {
    // A submitted assessment declaring the remote-access measure fully in place.
    const assessment = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assessments`)
        .set(as(ciso))
        .send({})
        .expect(201)
    ).body;
    await answerAll(api.http, ciso, assessment.id, () => 4);
    const detail = (await api.http().get(`/api/v1/assessments/${assessment.id}`).set(as(ciso)).expect(200))
      .body;
    for (const measureId of ['EXPO.02', 'IDENT.04', 'EXPO.06'].filter((m) =>
      detail.applicableMeasureIds.includes(m),
    )) {
      const current = detail.answers.find((a: { measureId: string }) => a.measureId === measureId);
      await api
        .http()
        .put(`/api/v1/assessments/${assessment.id}/answers/${measureId}`)
        .set(as(ciso))
        .send({ status: 'level', level: 4, expectedRevision: current?.revision ?? 0 })
        .expect(200);
    }
    await api.http().post(`/api/v1/assessments/${assessment.id}/submit`).set(as(ciso)).expect(200);
    await waitFor(
      () =>
        api.dataSource
          .getRepository(Scan)
          .manager.query(`SELECT 1 FROM score_snapshot WHERE "assessmentId" = '${assessment.id}'`)
          .then((r: unknown[]) => r.length > 0 || undefined),
      30000,
      'the submission score',
    );

    const rdp = rdpServer();
    await listen(rdp, host, 3389);
    let first;
    try {
      first = await scanUntilDone({ assetIds: [assetId] });
    } finally {
      await close(rdp);
    }
    expect(first.status).toBe('completed');
    expect(first.progress).toMatchObject({ done: first.progress.tasks, percent: 100 });
    const ports = first.tasks.find((task: { family: string }) => task.family === 'ports');
    expect(ports).toMatchObject({ status: 'completed', target: host, findingCount: 1, attempts: 1 });
    expect(ports.checkVersion).toMatch(/^ports\//);
    expect(first.findings).toEqual({ new: 1, persisting: 0, resolved: 0 });

    const found = (
      await api.http().get(`/api/v1/scans/${first.id}/findings?change=new`).set(as(ciso)).expect(200)
    ).body;
    expect(found.items).toEqual([
      expect.objectContaining({
        checkId: 'ports.rdp',
        severity: 'critical',
        target: `${host}:3389`,
        title: 'Bureau à distance (RDP) exposé sur Internet',
        change: 'new',
        status: 'open',
      }),
    ]);
    expect(found.items[0].evidence).toMatch(/protocole confirmé/);

    // The scan re-scores the submitted assessment: the finding caps the measures it observes.
    const snapshot = await waitFor(
      async () => {
        const latest = (
          await api.http().get(`/api/v1/establishments/${t.a1.id}/scores/latest`).set(as(ciso)).expect(200)
        ).body;
        return latest.trigger === 'scan' ? latest : undefined;
      },
      30000,
      'the score after the scan',
    );
    expect(snapshot.contradictionCount).toBeGreaterThan(0);
    const contradiction = snapshot.explanation.contradictions.find(
      (c: { measureId: string }) => c.measureId === 'EXPO.02',
    );
    expect(contradiction).toMatchObject({
      declaredLevel: 4,
      observedLevel: 1,
      findings: [expect.objectContaining({ checkId: 'ports.rdp', target: `${host}:3389` })],
    });

    // The port is closed now: the next scan resolves the finding.
    const second = await scanUntilDone({ assetIds: [assetId] });
    expect(second.findings).toEqual({ new: 0, persisting: 0, resolved: 1 });
    const resolved = (
      await api
        .http()
        .get(`/api/v1/establishments/${t.a1.id}/findings?status=resolved`)
        .set(as(ciso))
        .expect(200)
    ).body.items;
    expect(resolved).toEqual([
      expect.objectContaining({
        checkId: 'ports.rdp',
        firstScanId: first.id,
        resolvedAt: expect.any(String),
      }),
    ]);
    expect(
      (await api.http().get(`/api/v1/establishments/${t.a1.id}/findings`).set(as(ciso)).expect(200)).body
        .total,
    ).toBe(0);

    // Open again, twice: new on the first scan that sees it again, persisting on the next.
    await listen(rdp, host, 3389);
    try {
      const third = await scanUntilDone({ assetIds: [assetId] });
      expect(third.findings).toEqual({ new: 1, persisting: 0, resolved: 0 });
      const fourth = await scanUntilDone({});
      expect(fourth.findings).toEqual({ new: 0, persisting: 1, resolved: 0 });
      const open = (
        await api
          .http()
          .get(`/api/v1/establishments/${t.a1.id}/findings?severity=critical&checkId=ports`)
          .set(as(ciso))
          .expect(200)
      ).body.items;
      expect(open).toEqual([
        expect.objectContaining({
          checkId: 'ports.rdp',
          firstScanId: third.id,
          lastScanId: fourth.id,
          status: 'open',
        }),
      ]);
      expect(new Date(open[0].lastSeenAt).getTime()).toBeGreaterThan(new Date(open[0].firstSeenAt).getTime());
    } finally {
      await close(rdp);
    }
    const asset = await api.dataSource.getRepository(Asset).findOneByOrFail({ id: assetId });
    expect(asset.lastScannedAt).not.toBeNull();
    expect(asset.nextScanAt!.getTime() - asset.lastScannedAt!.getTime()).toBe(7 * 86_400_000);
  });

  it('keeps an analyst of another region and a CISO of another establishment out of scans and findings', async () => {
    const scans = (await api.http().get(`/api/v1/establishments/${t.a1.id}/scans`).set(as(ciso)).expect(200))
      .body;
    expect(scans.total).toBeGreaterThan(0);
    const other = await api.login('analyst94@test.fr', PASSWORD);
    await api.http().get(`/api/v1/scans/${scans.items[0].id}`).set(as(other)).expect(404);
    await api.http().get(`/api/v1/scans/${scans.items[0].id}/findings`).set(as(other)).expect(404);
    await api.http().get(`/api/v1/establishments/${t.a1.id}/findings`).set(as(other)).expect(404);
    const cisoB = await api.login('ciso.b@test.fr', PASSWORD);
    await api.http().post(`/api/v1/establishments/${t.a1.id}/scans`).set(as(cisoB)).send({}).expect(404);
  });

  it('limits scans in flight per establishment and lets the schedule create the due ones', async () => {
    const repo = api.dataSource.getRepository(Scan);
    // Two scans already queued for A1 (no job carries them: the worker is not asked to run them).
    const held = await api.dataSource.transaction(async (manager) => [
      await recordScan(manager, {
        establishmentId: t.a1.id,
        trigger: 'manual',
        requestedById: null,
        assets: [],
        configFiles: [],
      }),
      await recordScan(manager, {
        establishmentId: t.a1.id,
        trigger: 'manual',
        requestedById: null,
        assets: [],
        configFiles: [],
      }),
    ]);
    const busy = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({})
      .expect(409);
    expect(busy.body.message).toMatch(/already has 2 scans queued or running \(at most 2\)/);

    // Due now: A1's asset (at its limit) and an asset of A2.
    const a2Asset = await api.dataSource.getRepository(Asset).save(
      api.dataSource.getRepository(Asset).create({
        establishmentId: t.a2.id,
        kind: 'ipv4',
        value: `${host.split('.').slice(0, 3).join('.')}.${(Number(host.split('.')[3]) % 250) + 2}`,
        verificationToken: 'x'.repeat(32),
        verifiedAt: new Date(),
        verificationMethod: 'vouched',
        verifiedById: null,
        createdById: null,
        dkimSelectors: '',
        nextScanAt: new Date(Date.now() - 60_000),
      }),
    );
    await api.dataSource
      .getRepository(Asset)
      .update({ id: assetId }, { nextScanAt: new Date(Date.now() - 60_000) });
    const producer = api.app.get(JobProducer);
    const tick = await producer.enqueue(JobName.ScheduleScans, { version: 1, trigger: 'manual' });
    const result = await waitFor(
      async () => {
        const job = await producer.queue(tick.queue).getJob(tick.id);
        return (await job?.getState()) === 'completed'
          ? (await producer.queue(tick.queue).getJob(tick.id))!.returnvalue
          : undefined;
      },
      30000,
      'the schedule tick',
    );
    expect(result).toMatchObject({ scansCreated: 1, establishmentsAtLimit: 1 });
    const scheduled = await repo.findOneByOrFail({ establishmentId: t.a2.id, trigger: 'schedule' });
    const tasks = await api.dataSource.getRepository(ScanTask).findBy({ scanId: scheduled.id });
    expect(tasks.map((task) => task.subjectId)).toEqual(expect.arrayContaining([a2Asset.id]));
    // Pushed back by one interval at once, so the next tick does not take it again while it runs.
    const pushed = await api.dataSource.getRepository(Asset).findOneByOrFail({ id: a2Asset.id });
    expect(pushed.nextScanAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    await waitFor(
      async () =>
        (await repo.findOneByOrFail({ id: scheduled.id })).status === 'completed' ? true : undefined,
      60000,
      'the scheduled scan',
    );
    await repo.delete(held.map((s) => s.id));
  });

  it('takes back a scan whose worker died, and fails one that kept losing its worker', async () => {
    const repo = api.dataSource.getRepository(Scan);
    const asset = await api.dataSource.getRepository(Asset).findOneByOrFail({ id: assetId });
    const long = new Date(Date.now() - 3600_000);
    const [orphan, hopeless] = await api.dataSource.transaction(async (manager) => [
      await recordScan(manager, {
        establishmentId: t.a2.id,
        trigger: 'manual',
        requestedById: null,
        assets: [asset],
        configFiles: [],
      }),
      await recordScan(manager, {
        establishmentId: t.a2.id,
        trigger: 'manual',
        requestedById: null,
        assets: [asset],
        configFiles: [],
      }),
    ]);
    await repo.update(
      { id: orphan.id },
      { status: 'running', attempts: 1, runToken: 'lost', heartbeatAt: long, startedAt: long },
    );
    await repo.update(
      { id: hopeless.id },
      { status: 'running', attempts: 3, runToken: 'lost', heartbeatAt: long, startedAt: long },
    );
    // The dead worker had finished the first task: it is kept, not run again.
    const firstTask = await api.dataSource
      .getRepository(ScanTask)
      .findOneByOrFail({ scanId: orphan.id, position: 0 });
    await api.dataSource
      .getRepository(ScanTask)
      .update(
        { id: firstTask.id },
        { status: 'completed', attempts: 1, findings: '[]', findingCount: 0, checkVersion: 'ports/test' },
      );

    const producer = api.app.get(JobProducer);
    const tick = await producer.enqueue(JobName.ScheduleScans, { version: 1, trigger: 'manual' });
    await waitFor(
      async () =>
        (await (await producer.queue(tick.queue).getJob(tick.id))?.getState()) === 'completed'
          ? true
          : undefined,
      30000,
      'the tick',
    );
    const taken = await waitFor(
      async () => {
        const scan = await repo.findOneByOrFail({ id: orphan.id });
        return scan.status === 'completed' ? scan : undefined;
      },
      60000,
      'the orphan scan to complete',
    );
    expect(taken.attempts).toBe(2);
    const kept = await api.dataSource.getRepository(ScanTask).findOneByOrFail({ id: firstTask.id });
    expect(kept).toMatchObject({ attempts: 1, checkVersion: 'ports/test' });
    const failed = await repo.findOneByOrFail({ id: hopeless.id });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/le worker a cessé de répondre 3 fois/);
  });
});
