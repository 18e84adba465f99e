import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { scanPorts } from './port-scan';
import { RISKY_PORTS, type RiskyPort } from './risky-ports';
import { defaultConnectEngine } from './tcp-connect';
import { fakeService } from './testing/fake-services';
import { LocalServices } from './testing/local-services';

const template = (checkId: string) => RISKY_PORTS.find((p) => p.checkId === checkId)!;

describe('port scan of many addresses through one scheduler', () => {
  const services = new LocalServices();
  afterAll(() => services.close());

  it('uses the bare TCP handle on this Node version (net.Socket costs about four times more per refused port)', () => {
    expect(defaultConnectEngine()).toBe('tcp-handle');
  });

  it('finds on each of 24 loopback addresses exactly the risky ports that listen there, with both engines', async () => {
    const [ssh, database, dicom, closed] = [
      await services.freePort(),
      await services.freePort(),
      await services.freePort(),
      await services.freePort(),
    ];
    const ports: RiskyPort[] = [
      { ...template('ports.ssh'), port: ssh },
      { ...template('ports.database'), port: database },
      { ...template('ports.dicom'), port: dicom },
      { ...template('ports.smb'), port: closed },
    ];
    const addresses = Array.from({ length: 24 }, (_, i) => `127.0.3.${i + 1}`);
    const expected = new Map<string, string[]>();
    for (const [i, address] of addresses.entries()) {
      // Findings are named after the host (the label), whatever address it answered from.
      const listening: string[] = [];
      if (i % 2 === 0) listening.push(`h${i}.ch-exemple.fr:${ssh}`);
      if (i % 3 === 0) listening.push(`h${i}.ch-exemple.fr:${database}`);
      if (i % 4 === 0) listening.push(`h${i}.ch-exemple.fr:${dicom}`);
      if (i % 2 === 0) await services.tcp(fakeService('ssh'), address, ssh);
      if (i % 3 === 0) await services.tcp(fakeService('silent'), address, database);
      if (i % 4 === 0) await services.tcp(fakeService('dicom'), address, dicom);
      expected.set(
        address,
        listening.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
      );
    }
    const targets = addresses.map((address, i) => ({ address, label: `h${i}.ch-exemple.fr` }));
    for (const engine of ['tcp-handle', 'net-socket'] as const) {
      // Few slots on purpose, so that the queue, the per-address limit and the round robin are all exercised.
      const scans = await scanPorts(targets, {
        ports,
        engine,
        concurrency: 7,
        perTarget: 2,
        timeoutMs: 1000,
      });
      expect(scans.map((s) => s.address)).toEqual(addresses);
      for (const scan of scans) {
        expect(scan.findings.map((f) => f.target)).toEqual(expected.get(scan.address));
        expect(scan.probes.map((p) => p.port)).toEqual([ssh, database, dicom, closed].sort((a, b) => a - b));
        expect(scan.probes.filter((p) => p.state === 'closed')).toHaveLength(
          4 - expected.get(scan.address)!.length,
        );
        expect(scan.probes.every((p) => p.state === 'open' || p.state === 'closed')).toBe(true);
        // SSH and the PACS are confirmed on the connection that found them open; the silent database is not.
        expect(scan.probes.filter((p) => p.confirmed).map((p) => p.port)).toEqual(
          scan.probes.filter((p) => p.state === 'open' && p.port !== database).map((p) => p.port),
        );
      }
      const first = scans[0].findings;
      const byPort = [
        [ssh, 'ports.ssh', 'medium'],
        [database, 'ports.database', 'critical'],
        [dicom, 'ports.dicom', 'critical'],
      ] as const;
      expect(first.map((f) => [f.checkId, f.severity])).toEqual(
        [...byPort].sort((a, b) => a[0] - b[0]).map(([, checkId, severity]) => [checkId, severity]),
      );
      expect(first.find((f) => f.checkId === 'ports.ssh')!.evidence).toContain(
        'de h0.ch-exemple.fr (127.0.3.1)',
      );
    }
  });

  it('calls a port filtered when SYNs go unanswered, and reports nothing for it', async () => {
    // A listener whose process stops accepting: once its backlog is full, the kernel drops further SYNs, as a
    // firewall that drops would.
    const child = spawn(process.execPath, [
      '-e',
      `const s = require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         console.log(s.address().port);
         setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 50);
       });`,
    ]);
    const fillers: Socket[] = [];
    try {
      const port = Number(
        await new Promise<string>((resolve) =>
          child.stdout.once('data', (d: Buffer) => resolve(d.toString())),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let i = 0; i < 4; i++)
        fillers.push(connect({ port, host: '127.0.0.1' }).on('error', () => undefined));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [scan] = await scanPorts([{ address: '127.0.0.1' }], {
        ports: [{ ...template('ports.database'), port }],
        timeoutMs: 200,
      });
      expect(scan.probes).toEqual([{ port, state: 'filtered', confirmed: false }]);
      expect(scan.findings).toEqual([]);
    } finally {
      fillers.forEach((socket) => socket.destroy());
      child.kill('SIGKILL');
    }
  });

  const ipv6Loopback = Object.values(networkInterfaces()).some((addresses) =>
    addresses?.some((a) => a.internal && a.address === '::1'),
  );
  (ipv6Loopback ? it : it.skip)('probes IPv6 addresses and names them in brackets', async () => {
    const port = await services.tcp(fakeService('ssh'), '::1');
    const [scan] = await scanPorts([{ address: '::1' }], { ports: [{ ...template('ports.ssh'), port }] });
    expect(scan.findings.map((f) => f.target)).toEqual([`[::1]:${port}`]);
    expect(scan.probes[0]).toMatchObject({ state: 'open', confirmed: true });
  });

  it('stops when the runner aborts, rather than report a partial scan as complete', async () => {
    const aborted = AbortSignal.abort(new Error('deadline passed'));
    await expect(scanPorts([{ address: '127.0.0.1' }], { signal: aborted })).rejects.toThrow(
      'deadline passed',
    );
    // Aborted while a PACS that never answers holds the only slot.
    const port = await services.tcp(fakeService('silent'));
    const controller = new AbortController();
    const scan = scanPorts([{ address: '127.0.0.1' }], {
      ports: [{ ...template('ports.dicom'), port }, template('ports.ssh')],
      concurrency: 1,
      bannerMs: 2000,
      signal: controller.signal,
    });
    controller.abort(new Error('deadline passed'));
    await expect(scan).rejects.toThrow('deadline passed');
  });

  it('refuses a host name: addresses come resolved and checked by the network guard', async () => {
    await expect(scanPorts([{ address: 'localhost' }])).rejects.toThrow(
      '"localhost" is not an IP address: resolve and check it with the network guard first',
    );
  });
});
