import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startOpensslServer } from '../../libs/scan-checks/src/tls/testing/servers';
import type { TlsProfile } from './tls-profiles';

export interface TlsEndpoint {
  profile: string;
  address: string;
  port: number;
  kind: TlsProfile['spec']['kind'];
}

export interface TlsFixtures {
  endpoints: TlsEndpoint[];
  /** Since the last call: connections per endpoint (null for s_server ones) and the Node servers' CPU time. */
  counts(): Promise<{ connections: (number | null)[]; serverCpuMs: number }>;
  stop(): Promise<unknown>;
}

interface FixtureProcess {
  request(line: string): Promise<string>;
  stop(): Promise<unknown>;
}

function startFixtureProcess(profiles: TlsProfile[]): Promise<{ ports: number[]; child: FixtureProcess }> {
  const child = spawn(
    process.execPath,
    // --no-warnings: Node warns about every DH-1024 server, which is the point of that profile.
    ['--no-warnings', '-r', 'ts-node/register/transpile-only', 'bench/scans/tls-fixtures.ts'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const request = async (line: string) => {
    child.stdin.write(`${line}\n`);
    const reply = await replies.next();
    if (reply.done || reply.value.startsWith('failed')) throw new Error(`TLS fixtures: ${reply.value}`);
    return reply.value as string;
  };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return request(JSON.stringify(profiles.map((p) => p.spec))).then((ports) => ({
    ports: JSON.parse(ports) as number[],
    child: { request, stop: () => (child.stdin.end(), exited) },
  }));
}

/**
 * `count` endpoints: `openssl` of them spread over the s_server profiles (one process each), the others over
 * the Node profiles, served by `processes` fixture processes. s_server endpoints come first, so their slow
 * single-connection servers start early instead of making the tail for either scanner.
 */
export async function startTlsFixtures(
  profiles: { node: TlsProfile[]; openssl: TlsProfile[] },
  count: number,
  openssl: number,
  processes: number,
): Promise<TlsFixtures> {
  const servedByOpenssl = Array.from(
    { length: openssl },
    (_, i) => profiles.openssl[i % profiles.openssl.length],
  );
  const servedByNode = Array.from(
    { length: count - openssl },
    (_, i) => profiles.node[i % profiles.node.length],
  );
  const shares = Array.from({ length: processes }, (_, p) =>
    servedByNode.filter((_, i) => i % processes === p),
  );
  const [opensslServers, fixtureProcesses] = await Promise.all([
    Promise.all(
      servedByOpenssl.map((profile) => startOpensslServer((profile.spec as { args: string[] }).args)),
    ),
    Promise.all(shares.map((share) => startFixtureProcess(share))),
  ]);
  const endpoint = (profile: TlsProfile, port: number): TlsEndpoint => ({
    profile: profile.name,
    address: '127.0.0.1',
    port,
    kind: profile.spec.kind,
  });
  const endpoints = [
    ...servedByOpenssl.map((profile, i) => endpoint(profile, opensslServers[i].port)),
    ...shares.flatMap((share, p) =>
      share.map((profile, i) => endpoint(profile, fixtureProcesses[p].ports[i])),
    ),
  ];
  return {
    endpoints,
    counts: async () => {
      const perProcess = await Promise.all(
        fixtureProcesses.map(
          async ({ child }) =>
            JSON.parse(await child.request('counts')) as { counts: number[]; cpuMs: number },
        ),
      );
      return {
        connections: [...servedByOpenssl.map(() => null), ...perProcess.flatMap((p) => p.counts)],
        serverCpuMs: perProcess.reduce((total, p) => total + p.cpuMs, 0),
      };
    },
    stop: () =>
      Promise.all([
        ...opensslServers.map((server) => server.close()),
        ...fixtureProcesses.map(({ child }) => child.stop()),
      ]),
  };
}
