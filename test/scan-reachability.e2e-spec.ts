import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { RISKY_PORTS, REACHABILITY_WITNESS_PORTS } from '@vigie/scan-checks';
import { SilentPeer } from '@vigie/testing';
import { type ApiHarness, startApi } from './support/api-harness';
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

describe('an unreachable host: its findings stay open, the scan and the asset say so', () => {
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let t: Tenants;
  let ciso: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const host = `127.${20 + (process.pid % 200)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

  beforeAll(async () => {
    // A short connect timeout: the silent host costs two timeouts per port.
    api = await startApi({ scan: { checkTimeoutMs: 30000, checkAttempts: 1, connectTimeoutMs: 300 } });
    worker = await startWorker(api.config);
    t = await seedTenants(api.dataSource);
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
  });
  afterAll(async () => {
    await worker.drain(5000);
    await api.close();
  });

  const scan = async (assetId: string) => {
    const queued = await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/scans`)
      .set(as(ciso))
      .send({ assetIds: [assetId] })
      .expect(202);
    return waitFor(
      async () => {
        const res = await api.http().get(`/api/v1/scans/${queued.body.id}`).set(as(ciso)).expect(200);
        return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
      },
      60000,
      `scan ${queued.body.id}`,
    );
  };
  const rdpFinding = async () => {
    const res = await api
      .http()
      .get(`/api/v1/establishments/${t.a1.id}/findings?status=all&checkId=ports.rdp`)
      .set(as(ciso))
      .expect(200);
    return res.body.items.find((f: { target: string }) => f.target === `${host}:3389`);
  };

  it('keeps an exposed RDP open while no service answers, then resolves it once the host serves again', async () => {
    const asset = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assets`)
        .set(as(ciso))
        .send({ kind: 'ipv4', value: host })
        .expect(201)
    ).body;
    const admin = await api.adminToken();
    await api
      .http()
      .post(`/api/v1/assets/${asset.id}/vouch`)
      .set(as(admin))
      .send({ reason: 'Adresse de test sur la boucle locale' })
      .expect(200);
    expect((await api.http().get(`/api/v1/assets/${asset.id}`).set(as(ciso)).expect(200)).body).toMatchObject(
      {
        reachability: 'unknown',
        lastReachedAt: null,
        unreachableScans: 0,
      },
    );

    // 1. RDP open: a finding, the host reached.
    const rdp = rdpServer();
    await new Promise<void>((resolve) => rdp.listen(3389, host, resolve));
    const first = await scan(asset.id);
    await new Promise<void>((resolve) => rdp.close(() => resolve()));
    expect(first.status).toBe('completed');
    const opened = await rdpFinding();
    expect(opened).toMatchObject({ status: 'open' });
    const reached = (await api.http().get(`/api/v1/assets/${asset.id}`).set(as(ciso)).expect(200)).body;
    expect(reached).toMatchObject({ reachability: 'reachable', unreachableScans: 0 });
    expect(reached.lastReachedAt).not.toBeNull();

    // 2. The host goes silent on every port: nothing is resolved, the tasks and the asset say unreachable.
    const silent = await new SilentPeer(host, [
      ...new Set([...RISKY_PORTS.map((p) => p.port), ...REACHABILITY_WITNESS_PORTS]),
    ]).start();
    try {
      for (const round of [1, 2]) {
        const blind = await scan(asset.id);
        expect(blind).toMatchObject({
          status: 'completed',
          findings: { new: 0, persisting: 0, resolved: 0 },
        });
        expect(
          blind.tasks.map((task: { family: string; status: string }) => [task.family, task.status]),
        ).toEqual([
          ['ports', 'unreachable'],
          ['tls', 'unreachable'],
          ['http', 'unreachable'],
        ]);
        expect(blind.tasks[0].error).toMatch(/aucun service ne répond \(ETIMEDOUT\)/);
        expect(blind.progress).toMatchObject({ tasks: 3, done: 3, failed: 0, unreachable: 3 });
        // The list of scans says it too, without reading every task.
        const listed = await api
          .http()
          .get(`/api/v1/establishments/${t.a1.id}/scans`)
          .set(as(ciso))
          .expect(200);
        expect(listed.body.items.find((s: { id: string }) => s.id === blind.id).progress).toMatchObject({
          unreachable: 3,
        });
        const kept = await rdpFinding();
        expect(kept).toMatchObject({
          id: opened.id,
          status: 'open',
          lastSeenAt: opened.lastSeenAt,
          lastScanId: first.id,
        });
        const unreached = (await api.http().get(`/api/v1/assets/${asset.id}`).set(as(ciso)).expect(200)).body;
        expect(unreached).toMatchObject({
          reachability: 'unreachable',
          lastReachedAt: reached.lastReachedAt,
          unreachableScans: round,
        });
      }
    } finally {
      await silent.stop();
    }

    // 3. Every port refused (a gateway resetting for a host that is down): still unreachable, the finding kept.
    const refused = await scan(asset.id);
    expect(refused.tasks[0]).toMatchObject({ family: 'ports', status: 'unreachable' });
    expect(refused.tasks[0].error).toMatch(/aucun service ne répond \(ECONNREFUSED\)/);
    expect(refused.findings.resolved).toBe(0);
    expect(await rdpFinding()).toMatchObject({
      id: opened.id,
      status: 'open',
      lastSeenAt: opened.lastSeenAt,
    });
    expect((await api.http().get(`/api/v1/assets/${asset.id}`).set(as(ciso)).expect(200)).body).toMatchObject(
      { reachability: 'unreachable', unreachableScans: 3 },
    );

    // 4. The host serves its web site again, RDP closed: reachable and clean, the RDP finding resolved.
    const web = createHttpServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => web.listen(80, host, resolve));
    try {
      const back = await scan(asset.id);
      expect(back.tasks.find((task: { family: string }) => task.family === 'ports').status).toBe('completed');
      expect(back.findings.resolved).toBe(1);
      expect(await rdpFinding()).toMatchObject({ id: opened.id, status: 'resolved' });
      expect(
        (await api.http().get(`/api/v1/assets/${asset.id}`).set(as(ciso)).expect(200)).body,
      ).toMatchObject({ reachability: 'reachable', unreachableScans: 0 });
    } finally {
      await new Promise<void>((resolve) => web.close(() => resolve()));
    }
  });
});
