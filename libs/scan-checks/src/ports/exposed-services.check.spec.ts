import { createServer, type Server } from 'node:net';
import { checkExposedServices } from './exposed-services.check';
import { probePort } from './port-probe';
import { RISKY_PORTS, type RiskyPort } from './risky-ports';

/**
 * A real TCP server on 127.0.0.1 that behaves like the first bytes of a protocol. A scanner hangs up on the
 * bare connect that finds the port open, so a greeting may meet a reset, as real services shrug off.
 */
async function server(
  onConnection: (socket: import('node:net').Socket) => void,
): Promise<{ port: number; server: Server }> {
  const s = createServer((socket) => {
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  return { port: (s.address() as import('node:net').AddressInfo).port, server: s };
}

async function closedPort(): Promise<number> {
  const { port, server: s } = await server(() => undefined);
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('exposed services check against real servers on 127.0.0.1', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('finds open risky ports, confirms SSH, VNC and RDP, and ignores closed ports', async () => {
    const ssh = await server((socket) => socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'));
    const vnc = await server((socket) => socket.write('RFB 003.008\n'));
    const rdp = await server((socket) =>
      socket.once('data', (data) => {
        // An X.224 Connection Request gets a Connection Confirm, as a Windows RDP listener answers.
        if (data[0] === 0x03 && data[5] === 0xe0) socket.write(Buffer.from('0300000b06d00000123400', 'hex'));
      }),
    );
    const silent = await server(() => undefined);
    servers.push(ssh.server, vnc.server, rdp.server, silent.server);
    const closed = await closedPort();
    const template = (checkId: string) => RISKY_PORTS.find((p) => p.checkId === checkId)!;
    const ports: RiskyPort[] = [
      { ...template('ports.ssh'), port: ssh.port },
      { ...template('ports.vnc'), port: vnc.port },
      { ...template('ports.rdp'), port: rdp.port },
      { ...template('ports.database'), port: silent.port },
      { ...template('ports.smb'), port: closed },
    ];
    const findings = await checkExposedServices('127.0.0.1', {
      ports,
      timeoutMs: 1000,
      label: 'portail.ch-exemple.fr',
    });
    const byCheck = Object.fromEntries(findings.map((f) => [f.checkId, f]));
    expect(Object.keys(byCheck).sort()).toEqual(['ports.database', 'ports.rdp', 'ports.ssh', 'ports.vnc']);
    expect(byCheck['ports.ssh']).toMatchObject({
      severity: 'medium',
      target: `portail.ch-exemple.fr:${ssh.port}`,
    });
    expect(byCheck['ports.ssh'].evidence).toContain(
      'protocole confirmé (« SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3 »)',
    );
    expect(byCheck['ports.rdp']).toMatchObject({
      severity: 'critical',
      title: 'Bureau à distance (RDP) exposé sur Internet',
    });
    expect(byCheck['ports.rdp'].evidence).toContain('protocole confirmé');
    expect(byCheck['ports.vnc'].evidence).toContain('RFB 003.008');
    expect(byCheck['ports.database'].evidence).not.toContain('confirmé');
  });

  it('tells open, closed and silent ports apart', async () => {
    const closed = await closedPort();
    expect(await probePort('127.0.0.1', closed, 'none', 500)).toEqual({
      port: closed,
      state: 'closed',
      confirmed: false,
    });
    const quiet = await server(() => undefined);
    servers.push(quiet.server);
    // Open, but it never speaks: not confirmed as SSH.
    expect(await probePort('127.0.0.1', quiet.port, 'ssh', 300)).toEqual({
      port: quiet.port,
      state: 'open',
      confirmed: false,
    });
  });
});
