import { createServer, type Server } from 'node:net';
import { jobIds, JobName, type ScheduleScansResult } from '@vigie/contracts';
import { Asset, recordScan, Scan, ScanTask } from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { CHECKS_VERSION, planScanTasks } from '@vigie/scan-checks';
import { TestDnsServer } from '@vigie/testing';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { TestPki } from '../libs/scan-checks/src/tls/testing/pki';
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
  let dns: TestDnsServer;

  beforeAll(async () => {
    dns = await new TestDnsServer().start();
    api = await startApi({
      scan: { checkTimeoutMs: 15000, checkAttempts: 1, maxPerEstablishment: 2, dnsServers: [dns.address] },
    });
    worker = await startWorker(api.config);
    t = await seedTenants(api.dataSource);
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
    analyst = await api.login('analyst11@test.fr', PASSWORD);
  });
  afterAll(async () => {
    await worker.drain(5000);
    await api.close();
    await dns.stop();
  });

  /** One scheduler tick, sent as the worker's own schedule would, and its result. */
  const scheduleTick = async (): Promise<ScheduleScansResult> => {
    const producer = api.app.get(JobProducer);
    const tick = await producer.enqueue(JobName.ScheduleScans, { version: 1, trigger: 'manual' });
    return waitFor(
      async () => {
        const job = await producer.queue(tick.queue).getJob(tick.id);
        return (await job?.getState()) === 'completed'
          ? ((await producer.queue(tick.queue).getJob(tick.id))!.returnvalue as ScheduleScansResult)
          : undefined;
      },
      30000,
      'the schedule tick',
    );
  };

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
    expect(none.body.code).toBe('scan.nothing_to_scan');
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
    const admin = await api.adminToken();
    const corsican = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.b1.id}/assets`)
        .set(as(admin))
        .send({ kind: 'domain', value: 'ch-ajaccio-test.fr' })
        .expect(201)
    ).body;
    const stolen = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({ assetIds: [corsican.id] })
      .expect(400);
    expect(stolen.body.details[0].problem).toBe(`${corsican.id} is not an asset of this establishment`);
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

    // The port is closed now while the host still serves something on port 80: the next scan resolves the finding.
    // (A host that refuses every port proves nothing: see test/scan-reachability.e2e-spec.ts.)
    const web = createServer((socket) => socket.destroy());
    await listen(web, host, 80);
    let second;
    try {
      second = await scanUntilDone({ assetIds: [assetId] });
    } finally {
      await close(web);
    }
    expect(second.tasks.find((task: { family: string }) => task.family === 'ports').status).toBe('completed');
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

  it('runs the e-mail DNS, TLS and HTTP checks of a domain, each task with its version and grade', async () => {
    const domain = 'ch-vigie-test.fr';
    const address = `${host.split('.').slice(0, 3).join('.')}.${(Number(host.split('.')[3]) % 250) + 3}`;
    dns.a.set(domain, [address]);
    dns.mx.set(domain, [{ priority: 10, exchange: `mail.${domain}` }]);
    dns.txt.set(domain, ['v=spf1 +all']);
    const pki = new TestPki();
    const key = pki.key('site', 'ec:P-256');
    const cert = pki.certificate({ key, commonName: domain, altNames: [`DNS:${domain}`] });
    const https = createHttpsServer({ key: pki.read(key), cert: cert.pem }, (_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'text/html', Server: 'Apache/2.4.25 (Debian)' })
        .end('<p>Portail</p>'),
    );
    const http = createHttpServer((_req, res) =>
      res.writeHead(301, { Location: `https://${domain}/` }).end(),
    );
    await Promise.all([
      new Promise<void>((resolve) => https.listen(443, address, () => resolve())),
      new Promise<void>((resolve) => http.listen(80, address, () => resolve())),
    ]);
    try {
      const registered = (
        await api
          .http()
          .post(`/api/v1/establishments/${t.a2.id}/assets`)
          .set(as(analyst))
          .send({ kind: 'domain', value: domain })
      ).status;
      // Analysts do not register assets: the CISO of A2 is not in the fixtures, so the admin does.
      expect(registered).toBe(403);
      const admin = await api.adminToken();
      const asset = (
        await api
          .http()
          .post(`/api/v1/establishments/${t.a2.id}/assets`)
          .set(as(admin))
          .send({ kind: 'domain', value: domain, dkimSelectors: ['selector1'] })
          .expect(201)
      ).body;
      expect(asset.dkimSelectors).toEqual(['selector1']);
      await api
        .http()
        .post(`/api/v1/assets/${asset.id}/vouch`)
        .set(as(analyst))
        .send({ reason: 'Domaine du portail patient, déclaré dans le contrat' })
        .expect(200);
      const queued = (
        await api
          .http()
          .post(`/api/v1/establishments/${t.a2.id}/scans`)
          .set(as(analyst))
          .send({ assetIds: [asset.id] })
          .expect(202)
      ).body;
      const scan = await waitFor(
        async () => {
          const res = await api.http().get(`/api/v1/scans/${queued.id}`).set(as(analyst)).expect(200);
          return res.body.status === 'completed' ? res.body : undefined;
        },
        60000,
        'the domain scan',
      );
      const task = (family: string) => scan.tasks.find((x: { family: string }) => x.family === family);
      expect(task('dns')).toMatchObject({
        status: 'completed',
        target: domain,
        checkVersion: expect.stringMatching(/^dns\//),
      });
      expect(task('tls')).toMatchObject({
        status: 'completed',
        target: `${domain}:443`,
        grade: 'T',
        checkVersion: expect.stringMatching(/^tls\//),
      });
      expect(task('http')).toMatchObject({
        status: 'completed',
        target: domain,
        grade: expect.stringMatching(/^[A-F][+-]?$/),
        checkVersion: expect.stringMatching(/^http\//),
      });
      expect(task('ports')).toMatchObject({ status: 'completed', findingCount: 0 });
      expect(task('tls').details.protocols).toMatchObject({ 'TLSv1.3': 'accepted' });

      const findings = (
        await api.http().get(`/api/v1/scans/${scan.id}/findings?limit=200`).set(as(analyst)).expect(200)
      ).body.items as { checkId: string; severity: string; target: string }[];
      const ids = findings.map((f) => f.checkId);
      expect(ids).toEqual(
        expect.arrayContaining([
          'dns.spf',
          'dns.dmarc',
          'dns.dkim',
          'tls.certificate.untrusted',
          'http.hsts',
          'http.version_disclosure',
        ]),
      );
      expect(findings.find((f) => f.checkId === 'dns.spf')).toMatchObject({
        severity: 'critical',
        target: domain,
      });
      const dnsOnly = (
        await api
          .http()
          .get(`/api/v1/establishments/${t.a2.id}/findings?family=dns&limit=200`)
          .set(as(analyst))
          .expect(200)
      ).body.items as { family: string }[];
      expect(dnsOnly.length).toBeGreaterThanOrEqual(3);
      expect(dnsOnly.every((f) => f.family === 'dns')).toBe(true);
    } finally {
      await Promise.all([
        new Promise((resolve) => https.close(resolve)),
        new Promise((resolve) => http.close(resolve)),
      ]);
      pki.cleanup();
    }
  });

  it('audits uploaded configurations: sshd (first value wins, includes) and a UTF-16 secedit export', async () => {
    const upload = (kind: string, label: string, files: [string, Buffer][], entry?: string) => {
      const req = api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/config-files`)
        .set(as(ciso))
        .field('kind', kind)
        .field('label', label);
      if (entry) req.field('entry', entry);
      // form-data keeps only the base name of `filename`; `filepath` sends the path, as curl's filename= does.
      for (const [name, content] of files)
        req.attach('files', content, { filepath: name } as { filename?: string });
      return req;
    };
    const sshd = (
      await upload('sshd', 'Bastion SSH', [
        ['sshd_config', Buffer.from('Include sshd_config.d/*.conf\nPermitRootLogin no\n')],
        [
          'sshd_config.d/10-legacy.conf',
          Buffer.from('# ajouté par l’intégrateur\nPermitRootLogin yes\nPasswordAuthentication yes\n'),
        ],
      ]).expect(201)
    ).body;
    expect(sshd).toMatchObject({
      kind: 'sshd',
      entry: 'sshd_config',
      fileNames: ['sshd_config', 'sshd_config.d/10-legacy.conf'],
    });
    const inf = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        '[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordLength = 6\r\nPasswordComplexity = 0\r\nLockoutBadCount = 0\r\n',
        'utf16le',
      ),
    ]);
    const policy = (await upload('secedit', 'Stratégie du domaine', [['policy.inf', inf]]).expect(201)).body;

    const scan = await scanUntilDone({ configFileIds: [sshd.id, policy.id] });
    expect(scan.status).toBe('completed');
    expect(scan.tasks.map((task: { family: string; status: string }) => [task.family, task.status])).toEqual([
      ['config', 'completed'],
      ['config', 'completed'],
    ]);
    expect(scan.tasks[0].checkVersion).toMatch(/^config\/sshd@/);
    const findings = (
      await api.http().get(`/api/v1/scans/${scan.id}/findings?limit=200`).set(as(ciso)).expect(200)
    ).body.items as {
      checkId: string;
      severity: string;
      target: string;
      title: string;
      evidence: string;
      subjectId: string;
    }[];
    const rootLogin = findings.find((f) => f.subjectId === sshd.id && /root/i.test(f.title));
    // The included file comes first, so its "yes" wins over the later "no", as sshd itself reads it.
    expect(rootLogin).toMatchObject({
      checkId: 'config.sshd',
      severity: 'high',
      target: 'Bastion SSH (sshd_config)',
    });
    expect(rootLogin!.evidence).toMatch(/10-legacy\.conf/);
    const password = findings.filter((f) => f.subjectId === policy.id);
    expect(password.map((f) => f.checkId)).toEqual(expect.arrayContaining(['config.password_policy']));
    expect(password.some((f) => /12 caractères/.test(f.title))).toBe(true);

    // Deleting a configuration takes its findings with it: they no longer weigh on the score.
    await api.http().delete(`/api/v1/config-files/${sshd.id}`).set(as(ciso)).expect(204);
    const left = (
      await api
        .http()
        .get(`/api/v1/establishments/${t.a1.id}/findings?family=config&limit=200`)
        .set(as(ciso))
        .expect(200)
    ).body.items as { subjectId: string }[];
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((f) => f.subjectId === policy.id)).toBe(true);

    // Bad uploads say what is wrong.
    const binary = await upload('nginx', 'Binaire', [
      ['nginx.conf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0xff])],
    ]).expect(400);
    expect(binary.body.details[0].problem).toMatch(/nginx\.conf/);
    const wrongEntry = await upload(
      'nginx',
      'Proxy',
      [['nginx.conf', Buffer.from('events {}\n')]],
      'httpd.conf',
    ).expect(400);
    expect(wrongEntry.body.message).toMatch(/httpd\.conf is not among the files sent/);
    const noFile = await upload('nginx', 'Vide', []).expect(400);
    expect(noFile.body.details[0]).toMatchObject({ field: 'files', problem: 'missing' });
    const badKind = await upload('iis', 'IIS', [['web.config', Buffer.from('<configuration/>')]]).expect(400);
    expect(badKind.body.details[0].field).toBe('kind');
    await upload('nginx', 'Trop gros', [['nginx.conf', Buffer.alloc(300 * 1024, 0x61)]]).expect(413);
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
        tasks: [],
        checksVersion: CHECKS_VERSION,
      }),
      await recordScan(manager, {
        establishmentId: t.a1.id,
        trigger: 'manual',
        requestedById: null,
        tasks: [],
        checksVersion: CHECKS_VERSION,
      }),
    ]);
    const busy = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({})
      .expect(409);
    expect(busy.body.code).toBe('scan.limit_reached');
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
    const result = await scheduleTick();
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

  it('takes back a scan whose worker died or whose job was lost, and fails one that kept losing its worker', async () => {
    const repo = api.dataSource.getRepository(Scan);
    const assets = api.dataSource.getRepository(Asset);
    const octets = host.split('.');
    const a2Asset = (last: number) =>
      assets.save(
        assets.create({
          establishmentId: t.a2.id,
          kind: 'ipv4',
          value: `${octets.slice(0, 3).join('.')}.${((Number(octets[3]) + last) % 250) + 1}`,
          verificationToken: 'y'.repeat(32),
          verifiedAt: new Date(),
          verificationMethod: 'vouched',
          verifiedById: null,
          createdById: null,
          dkimSelectors: '',
          nextScanAt: new Date(Date.now() + 86_400_000),
        }),
      );
    const asset = await a2Asset(4);
    const hopelessAsset = await a2Asset(5);
    const long = new Date(Date.now() - 3600_000);
    const record = (subject = asset) =>
      api.dataSource.transaction((manager) =>
        recordScan(manager, {
          establishmentId: t.a2.id,
          trigger: 'manual',
          requestedById: null,
          tasks: planScanTasks([subject], []),
          checksVersion: CHECKS_VERSION,
        }),
      );
    const orphan = await record();
    const hopeless = await record(hopelessAsset);
    const forgotten = await record();
    await repo.update(
      { id: orphan.id },
      { status: 'running', attempts: 1, runToken: 'lost', heartbeatAt: long, startedAt: long },
    );
    await repo.update(
      { id: hopeless.id },
      { status: 'running', attempts: 3, runToken: 'lost', heartbeatAt: long, startedAt: long },
    );
    // Queued an hour ago, and no job carries it (Redis lost it).
    await repo.update({ id: forgotten.id }, { createdAt: long });
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

    // A scan whose holder is alive is not taken by another job, be it a duplicate or a stalled job handed out again.
    const alive = await record();
    await repo.update(
      { id: alive.id },
      {
        status: 'running',
        attempts: 1,
        runToken: `${jobIds.scanRun(alive.id)}/lock-1`,
        heartbeatAt: new Date(),
      },
    );
    const producer = api.app.get(JobProducer);
    const duplicate = await producer.enqueue(
      JobName.RunScan,
      { version: 1, scanId: alive.id },
      { jobId: jobIds.scanRun(alive.id) },
    );
    const heldElsewhere = await waitFor(
      async () => {
        const job = await producer.queue(duplicate.queue).getJob(duplicate.id);
        return (await job?.getState()) === 'completed'
          ? (await producer.queue(duplicate.queue).getJob(duplicate.id))!.returnvalue
          : undefined;
      },
      30000,
      'the duplicate run',
    );
    expect(heldElsewhere).toMatchObject({ status: 'held_elsewhere' });
    expect(await repo.findOneByOrFail({ id: alive.id })).toMatchObject({
      status: 'running',
      runToken: `${jobIds.scanRun(alive.id)}/lock-1`,
    });
    await repo.delete({ id: alive.id });

    const ticked = await scheduleTick();
    expect(ticked).toMatchObject({ staleScansRequeued: 2, staleScansFailed: 1 });
    const finished = (id: string) =>
      waitFor(
        async () => {
          const scan = await repo.findOneByOrFail({ id });
          return scan.status === 'completed' ? scan : undefined;
        },
        30000,
        `scan ${id} to complete`,
      );
    const taken = await finished(orphan.id);
    expect(taken).toMatchObject({ attempts: 2, recoveries: 1 });
    const kept = await api.dataSource.getRepository(ScanTask).findOneByOrFail({ id: firstTask.id });
    expect(kept).toMatchObject({ attempts: 1, checkVersion: 'ports/test' });
    expect(await finished(forgotten.id)).toMatchObject({ attempts: 1, recoveries: 1 });
    const failed = await repo.findOneByOrFail({ id: hopeless.id });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/le worker a cessé de répondre 3 fois/);
    // Its asset is tried again within the hour rather than a week later.
    const retried = await assets.findOneByOrFail({ id: hopelessAsset.id });
    expect(retried.nextScanAt!.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it('stops probing a deleted asset and forgets its findings', async () => {
    const findings = () =>
      api
        .http()
        .get(`/api/v1/establishments/${t.a1.id}/findings?status=all&subjectId=${assetId}`)
        .set(as(ciso))
        .expect(200)
        .then((res) => res.body.total as number);
    expect(await findings()).toBeGreaterThan(0);
    const asset = await api.dataSource.getRepository(Asset).findOneByOrFail({ id: assetId });
    // A scan queued just before the deletion.
    const pending = await api.dataSource.transaction((manager) =>
      recordScan(manager, {
        establishmentId: t.a1.id,
        trigger: 'manual',
        requestedById: null,
        tasks: planScanTasks([asset], []),
        checksVersion: CHECKS_VERSION,
      }),
    );
    await api.http().delete(`/api/v1/assets/${assetId}`).set(as(ciso)).expect(204);
    expect(await findings()).toBe(0);
    const rdp = rdpServer();
    await listen(rdp, host, 3389);
    try {
      await api.app.get(JobProducer).enqueue(JobName.RunScan, { version: 1, scanId: pending.id });
      const scan = await waitFor(
        async () => {
          const res = await api.http().get(`/api/v1/scans/${pending.id}`).set(as(ciso)).expect(200);
          return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
        },
        30000,
        'the scan of the deleted asset',
      );
      expect(scan.status).toBe('failed');
      expect(scan.tasks.every((task: { status: string }) => task.status === 'failed')).toBe(true);
      expect(scan.tasks[0].error).toMatch(/supprimé/);
    } finally {
      await close(rdp);
    }
    expect(await findings()).toBe(0);
  });
});
