import { connect } from 'node:net';
import type { Confirmation } from './risky-ports';

export type PortState = 'open' | 'closed' | 'filtered';

export interface PortProbe {
  port: number;
  state: PortState;
  /** What the service said, when it speaks first or answers a handshake. */
  banner?: string;
  /** The protocol was recognised (SSH banner, RDP connection confirm...). */
  confirmed: boolean;
}

/** X.224 Connection Request inside a TPKT header: the first message of an RDP session. */
const RDP_CONNECTION_REQUEST = Buffer.from('0300000b06e00000000000', 'hex');

function recognised(confirm: Confirmation, data: Buffer): boolean {
  const text = data.toString('latin1');
  switch (confirm) {
    case 'ssh':
      return text.startsWith('SSH-');
    case 'ftp':
      return /^220[ -]/.test(text);
    case 'vnc':
      return /^RFB \d{3}\.\d{3}/.test(text);
    case 'telnet':
      return data[0] === 0xff;
    case 'rdp':
      // TPKT version 3, then an X.224 Connection Confirm (0xd0).
      return data.length >= 6 && data[0] === 0x03 && (data[5] & 0xf0) === 0xd0;
    case 'none':
      return false;
  }
}

/** TCP connect to one port, then a cheap protocol confirmation where one exists. Never sends credentials. */
export function probePort(
  address: string,
  port: number,
  confirm: Confirmation,
  timeoutMs = 2000,
): Promise<PortProbe> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    let settled = false;
    let received = Buffer.alloc(0);
    const finish = (probe: PortProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const timer = setTimeout(
      () =>
        finish(
          socket.connecting
            ? { port, state: 'filtered', confirmed: false }
            : {
                port,
                state: 'open',
                confirmed: false,
                ...(received.length ? { banner: received.toString('latin1').trim().slice(0, 200) } : {}),
              },
        ),
      timeoutMs,
    );
    socket.once('connect', () => {
      if (confirm === 'none') finish({ port, state: 'open', confirmed: false });
      else if (confirm === 'rdp') socket.write(RDP_CONNECTION_REQUEST);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]).subarray(0, 1024);
      if (recognised(confirm, received)) {
        finish({
          port,
          state: 'open',
          confirmed: true,
          banner:
            confirm === 'rdp' || confirm === 'telnet'
              ? undefined
              : received.toString('latin1').split(/\r?\n/)[0].slice(0, 200),
        });
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      finish({ port, state: error.code === 'ECONNREFUSED' ? 'closed' : 'filtered', confirmed: false });
    });
    socket.once('close', () =>
      finish({
        port,
        state: 'open',
        confirmed: recognised(confirm, received),
        ...(received.length ? { banner: received.toString('latin1').trim().slice(0, 200) } : {}),
      }),
    );
  });
}
