import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

/** A listener script whose process is then frozen: its accept queue fills and the kernel drops further SYNs. */
const LISTENER = `
const net = require('node:net');
const [host, ...ports] = process.argv.slice(1);
let ready = 0;
for (const port of ports)
  net.createServer().listen({ host, port: Number(port), backlog: 1 }, () => {
    if (++ready === ports.length) process.stdout.write('ready');
  });
`;

function connectOnce(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * A host that answers nothing on some ports, made on loopback without a firewall: a process listens on them
 * with a backlog of 1, is stopped (SIGSTOP) so it never accepts, and two connections of ours fill each accept
 * queue. Linux then drops every further SYN to those ports: a connect times out, exactly as towards a host
 * that is down or behind a firewall that drops.
 */
export class SilentPeer {
  private child?: ChildProcess;
  private readonly fillers: Socket[] = [];

  constructor(
    readonly host: string,
    readonly ports: number[],
  ) {}

  async start(): Promise<this> {
    const child = spawn(process.execPath, ['-e', LISTENER, this.host, ...this.ports.map(String)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`silent peer exited with ${code}`)));
      child.stdout!.once('data', () => resolve());
    });
    child.removeAllListeners('exit');
    process.kill(child.pid!, 'SIGSTOP');
    for (const port of this.ports)
      for (let i = 0; i < 2; i++) {
        const socket = await connectOnce(this.host, port);
        socket.on('error', () => undefined);
        this.fillers.push(socket);
      }
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.fillers) socket.destroy();
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}
