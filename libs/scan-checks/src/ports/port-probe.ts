import type { Socket } from 'node:net';
import type { Dialogue, ServiceVerdict } from './dialogue';
import type { Confirmation } from './risky-ports';
import { confirmsService, type DialogueOptions, dialogueFor } from './service-dialogues';
import { type ConnectEngine, type ConnectResult, tcpConnect } from './tcp-connect';

/** `error`: our own side failed (out of descriptors or local ports), so the port's state is unknown. */
/** How long a connection attempt may take when the caller does not say (SCAN_CONNECT_TIMEOUT_MS does). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2500;

export type PortState = 'open' | 'closed' | 'filtered' | 'error';

export interface PortProbe extends ServiceVerdict {
  port: number;
  state: PortState;
  /** The system error behind `filtered` or `error` (EHOSTUNREACH, EMFILE...). */
  code?: string;
}

export interface ProbeSettings extends DialogueOptions {
  /** Connect timeout (default 2500 ms); a timeout is retried `retries` times before the port is `filtered`. */
  timeoutMs?: number;
  /** Default 1: one lost SYN must not make an open port look filtered. */
  retries?: number;
  /** How long a service with a confirmation gets to speak or answer (default 1500 ms). */
  bannerMs?: number;
  engine?: ConnectEngine;
}

const RECEIVE_LIMIT = 4096;
/** A peer that never answers our farewell (A-RELEASE-RQ) does not hold the socket longer than this. */
const FAREWELL_MS = 1000;

/**
 * Runs a dialogue on the connection that found the port open. The window ends early as soon as the dialogue
 * has a verdict (and the peer has answered its farewell, if any); the socket is destroyed in every case.
 */
function converse(socket: Socket, port: number, dialogue: Dialogue, bannerMs: number): Promise<PortProbe> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let verdict: ServiceVerdict | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ port, state: 'open', ...(verdict ?? { confirmed: false }) });
    };
    const decide = (ended: boolean) => {
      if (verdict) return finish();
      verdict = dialogue.read(received, ended) ?? (ended ? { confirmed: false } : undefined);
      if (!verdict) return;
      const farewell = dialogue.farewell?.(verdict);
      if (!farewell || !socket.writable) return finish();
      socket.write(farewell);
      clearTimeout(timer);
      timer = setTimeout(finish, Math.min(bannerMs, FAREWELL_MS));
    };
    let timer = setTimeout(() => decide(true), bannerMs);
    socket.on('data', (chunk: Buffer) => {
      if (verdict) return finish();
      received = Buffer.concat([received, chunk]).subarray(0, RECEIVE_LIMIT);
      decide(false);
    });
    socket.once('error', () => decide(true));
    socket.once('close', () => decide(true));
    if (dialogue.hello) socket.write(dialogue.hello);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connectWithRetries(address: string, port: number, settings: ProbeSettings, keep: boolean) {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const retries = settings.retries ?? 1;
  let timeouts = 0;
  let shortages = 0;
  for (;;) {
    const result: ConnectResult = await tcpConnect(address, port, {
      timeoutMs,
      engine: settings.engine,
      keep,
    });
    if (result.kind === 'timeout' && timeouts++ < retries) continue;
    // Out of descriptors or local ports: wait for other probes to close theirs rather than guess a state.
    if (result.kind === 'local' && shortages++ < 5) {
      await sleep(50 * shortages);
      continue;
    }
    return result;
  }
}

/**
 * TCP connect to one port of an already-checked IP address, then, only when the port is open and its service
 * has a confirmation, a short dialogue on the same connection. Closed ports cost one refused connect and no
 * wait. Never sends credentials.
 */
export async function probeService(
  address: string,
  port: number,
  confirm: Confirmation,
  settings: ProbeSettings = {},
): Promise<PortProbe> {
  const result = await connectWithRetries(address, port, settings, confirmsService(confirm, settings));
  switch (result.kind) {
    case 'closed':
      return { port, state: 'closed', confirmed: false };
    case 'timeout':
      return { port, state: 'filtered', confirmed: false };
    case 'unreachable':
      return { port, state: 'filtered', confirmed: false, code: result.code };
    case 'local':
      return { port, state: 'error', confirmed: false, code: result.code };
    case 'open': {
      const dialogue = dialogueFor(confirm, settings);
      if (dialogue && result.socket)
        return converse(result.socket, port, dialogue, settings.bannerMs ?? 1500);
      result.socket?.destroy();
      return { port, state: 'open', confirmed: false };
    }
  }
}

/** One port, `timeoutMs` bounding both the connect and the confirmation window. */
export function probePort(
  address: string,
  port: number,
  confirm: Confirmation,
  timeoutMs = 2000,
  options: DialogueOptions = {},
): Promise<PortProbe> {
  return probeService(address, port, confirm, { ...options, timeoutMs, bannerMs: timeoutMs });
}
