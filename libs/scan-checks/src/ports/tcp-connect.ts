import { connect, Socket, type SocketConstructorOpts } from 'node:net';
import { getSystemErrorName } from 'node:util';

/** How the port answered a SYN; an open port's socket is handed over only when asked for. */
export type ConnectResult =
  | { kind: 'open'; socket?: Socket }
  | { kind: 'closed' }
  | { kind: 'timeout' }
  /** ICMP unreachable or a local firewall: the port is filtered. */
  | { kind: 'unreachable'; code: string }
  /** Our side ran out of descriptors or local ports: the probe proves nothing and must be tried again. */
  | { kind: 'local'; code: string };

export type ConnectEngine = 'tcp-handle' | 'net-socket';

const LOCAL_SHORTAGES = new Set(['EMFILE', 'ENFILE', 'EADDRNOTAVAIL', 'ENOBUFS', 'ENOMEM', 'EAGAIN']);

function classify(code: string): ConnectResult {
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return { kind: 'closed' };
  if (code === 'ETIMEDOUT') return { kind: 'timeout' };
  if (LOCAL_SHORTAGES.has(code)) return { kind: 'local', code };
  return { kind: 'unreachable', code };
}

interface ConnectRequest {
  oncomplete: (status: number) => void;
  address: string;
  port: number;
}
interface TcpHandle {
  connect(request: ConnectRequest, address: string, port: number): number;
  connect6(request: ConnectRequest, address: string, port: number): number;
  /** Closes with SO_LINGER 0: an RST instead of a FIN, as nmap does. Returns a libuv error code. */
  reset?(): number;
  close(): void;
}
interface TcpBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectRequest;
  constants: { SOCKET: number };
}

/**
 * libuv's TCP handle, the one under `net.Socket`. A `net.Socket` costs about 80 µs of JavaScript per refused
 * connection (stream state, an Error with a stack trace), three times what the kernel spends on it; the bare
 * handle costs what the kernel does, and an open one is wrapped in a `net.Socket` only when a service must be
 * confirmed. `process.binding` is deprecated in the documentation only (DEP0111); the binding is checked here,
 * and `net.Socket` is used whenever it is missing or differs.
 */
function loadTcpBinding(): TcpBinding | undefined {
  try {
    const binding = (process as unknown as { binding?: (name: string) => Partial<TcpBinding> }).binding?.(
      'tcp_wrap',
    );
    if (
      typeof binding?.TCP === 'function' &&
      typeof binding.TCPConnectWrap === 'function' &&
      typeof binding.constants?.SOCKET === 'number' &&
      typeof binding.TCP.prototype.connect === 'function' &&
      typeof binding.TCP.prototype.connect6 === 'function'
    )
      return binding as TcpBinding;
  } catch {
    // A permission model or --throw-deprecation refuses it: fall back to net.Socket.
  }
  return undefined;
}

const tcpBinding = loadTcpBinding();

/** The engine `tcpConnect` uses by default on this runtime. */
export function defaultConnectEngine(): ConnectEngine {
  return tcpBinding ? 'tcp-handle' : 'net-socket';
}

function connectWithHandle(
  binding: TcpBinding,
  address: string,
  port: number,
  timeoutMs: number,
  keep: boolean,
): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const handle = new binding.TCP(binding.constants.SOCKET);
    const request = new binding.TCPConnectWrap();
    let settled = false;
    const finish = (result: ConnectResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (result.kind === 'open' && result.socket) return resolve(result);
      // An open port only counted is reset, as nmap does: no FIN exchange, no TIME_WAIT left on our side.
      // Closing a handle still connecting cancels the attempt; its late completion is ignored by `settled`.
      if (result.kind !== 'open' || !handle.reset || handle.reset() !== 0) handle.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    request.oncomplete = (status) => {
      if (status !== 0) return finish(classify(getSystemErrorName(status)));
      // The way net.Server wraps an accepted handle: a connected socket, reading at once.
      const opts = { handle, readable: true, writable: true } as SocketConstructorOpts;
      // An error before the new owner listens (it gets the socket a tick later) must not crash the process.
      finish(
        keep ? { kind: 'open', socket: new Socket(opts).on('error', () => undefined) } : { kind: 'open' },
      );
    };
    request.address = address;
    request.port = port;
    // Addresses were checked by the caller: an IPv6 literal is the only kind with a colon.
    const status = address.includes(':')
      ? handle.connect6(request, address, port)
      : handle.connect(request, address, port);
    if (status !== 0) finish(classify(getSystemErrorName(status)));
  });
}

function connectWithSocket(
  address: string,
  port: number,
  timeoutMs: number,
  keep: boolean,
): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    let settled = false;
    const finish = (result: ConnectResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (result.kind === 'open' && !result.socket) socket.resetAndDestroy();
      else if (result.kind !== 'open') socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.once('connect', () => finish(keep ? { kind: 'open', socket } : { kind: 'open' }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(classify(error.code ?? 'EUNKNOWN')));
  });
}

export interface ConnectOptions {
  timeoutMs: number;
  engine?: ConnectEngine;
  /** Hand the connected socket over (to confirm the service on it) instead of closing at once. */
  keep?: boolean;
}

/**
 * Connects to an IP address (never a name: nothing is resolved here). Closes at once unless `keep` is set, in
 * which case the caller owns the socket. Timeouts are not retried here; the caller decides.
 */
export function tcpConnect(address: string, port: number, options: ConnectOptions): Promise<ConnectResult> {
  const { timeoutMs, engine = defaultConnectEngine(), keep = false } = options;
  return engine === 'tcp-handle' && tcpBinding
    ? connectWithHandle(tcpBinding, address, port, timeoutMs, keep)
    : connectWithSocket(address, port, timeoutMs, keep);
}
