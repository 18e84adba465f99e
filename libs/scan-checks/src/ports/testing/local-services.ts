import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tcpConnect } from '../tcp-connect';

/** Whether a Debian tool is installed; a test needing it is skipped with a message when it is not. */
/**
 * Servers, child processes and temporary folders a test started, all released by `close()`. Servers ignore
 * socket errors: a scanner hangs up on the bare connect that found the port open, so a greeting meets a reset.
 */
export class LocalServices {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly children: ChildProcess[] = [];
  private readonly folders: string[] = [];

  async tcp(onConnection: (socket: Socket) => void, host = '127.0.0.1', port = 0): Promise<number> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      onConnection(socket);
    });
    this.servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  /**
   * A port nothing listens on, on any address: for tools that cannot listen on port 0 and report it, and for
   * servers that must share one port number across several loopback addresses.
   */
  async freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', () => resolve()));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  folder(): string {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-ports-'));
    this.folders.push(folder);
    return folder;
  }

  /** Starts a tool and waits until it listens on `port`; its output is kept for assertions. */
  async spawnListening(command: string, args: string[], port: number): Promise<{ output: () => string }> {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let attempt = 0; attempt < 100; attempt++) {
      if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}):\n${output}`);
      if ((await tcpConnect('127.0.0.1', port, { timeoutMs: 500 })).kind === 'open')
        return { output: () => output };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${command} did not listen on ${port}:\n${output}`);
  }

  async close(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // dcmqrscp does not always stop on SIGTERM: kill it after a grace period.
      const grace = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(grace);
    }
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise((resolve) => server.close(resolve))));
    for (const folder of this.folders) rmSync(folder, { recursive: true, force: true });
  }
}
