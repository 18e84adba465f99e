import { createServer } from 'node:net';
import { parseNetworks } from '@vigie/net-guard';
import { SilentPeer } from '@vigie/testing';
import { RISKY_PORTS } from '../ports/risky-ports';
import { type FamilyContext, runFamily } from './families';
import { REACHABILITY_WITNESS_PORTS } from './reachability';

/** A loopback address of its own per test, so no other test's listener answers on it. */
const freshHost = () =>
  `127.${100 + (process.pid % 100)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

const context = (): FamilyContext => ({
  allowed: parseNetworks('127.0.0.0/8').block,
  dnsServers: [],
  signal: new AbortController().signal,
  now: new Date(),
  // Short: every silent port costs two timeouts.
  connectTimeoutMs: 300,
});

const riskyPorts = RISKY_PORTS.map((p) => p.port);

describe('a target that answers nothing is unreachable, not clean', () => {
  const peers: SilentPeer[] = [];
  const silent = async (host: string, ports: number[]) => {
    const peer = await new SilentPeer(host, ports).start();
    peers.push(peer);
    return peer;
  };
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  });

  it('takes a host refusing every port (RST), as a gateway does for a host down behind it, for unreachable', async () => {
    const host = freshHost();
    const result = await runFamily('ports', host, context());
    expect(result.findings).toEqual([]);
    expect(result.unreachable).toMatch(
      new RegExp(`^${host.replace(/\./g, '\\.')} : aucun service ne répond \\(ECONNREFUSED\\)`),
    );
  });

  it('takes a host that serves the web with every risky port refused for reachable and clean', async () => {
    const host = freshHost();
    const web = createServer((socket) => socket.on('error', () => undefined).end());
    await new Promise<void>((resolve) => web.listen(443, host, resolve));
    try {
      const result = await runFamily('ports', host, context());
      expect(result.unreachable).toBeUndefined();
      expect(result.findings).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => web.close(() => resolve()));
    }
  });

  it('takes a host whose every port times out for unreachable, naming the error', async () => {
    const host = freshHost();
    await silent(host, [...riskyPorts, ...REACHABILITY_WITNESS_PORTS]);
    const result = await runFamily('ports', host, context());
    expect(result.findings).toEqual([]);
    expect(result.unreachable).toMatch(
      new RegExp(`^${host.replace(/\./g, '\\.')} : aucun service ne répond \\(ETIMEDOUT\\)`),
    );
  });

  it('takes silent risky ports on a host that serves on 443 for filtered: reachable, nothing exposed', async () => {
    const host = freshHost();
    await silent(host, riskyPorts);
    const web = createServer((socket) => socket.on('error', () => undefined).end());
    await new Promise<void>((resolve) => web.listen(443, host, resolve));
    try {
      const result = await runFamily('ports', host, context());
      expect(result.unreachable).toBeUndefined();
      expect(result.findings).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => web.close(() => resolve()));
    }
  });

  it('takes a silent TLS port for unreachable, a refused one for nothing to check', async () => {
    const host = freshHost();
    await silent(host, [443]);
    const unreachable = await runFamily('tls', `${host}:443`, context());
    expect(unreachable.unreachable).toMatch(/port 443 : aucun service ne répond \(ETIMEDOUT\)/);
    expect(unreachable.skipped).toBeUndefined();
    const refused = await runFamily('tls', `${host}:8443`, context());
    expect(refused.unreachable).toBeUndefined();
    expect(refused.skipped).toMatch(/Port 8443 fermé/);
  });

  it('takes a web origin whose both ports are silent for unreachable', async () => {
    const host = freshHost();
    await silent(host, [80, 443]);
    const result = await runFamily('http', host, context());
    expect(result.unreachable).toMatch(/ports 80 et 443 : aucun service ne répond/);
  });
});
