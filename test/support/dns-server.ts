import { createSocket, type Socket } from 'node:dgram';

/**
 * A real DNS server on 127.0.0.1 (UDP), answering TXT and A queries from tables: enough for ownership checks and,
 * later, SPF/DMARC/DKIM. Unknown names get NXDOMAIN.
 */
export class TestDnsServer {
  private socket?: Socket;
  readonly txt = new Map<string, string[]>();
  readonly a = new Map<string, string[]>();
  port = 0;

  async start(): Promise<this> {
    const socket = createSocket('udp4');
    socket.on('message', (query, peer) => socket.send(this.answer(query), peer.port, peer.address));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    this.socket = socket;
    this.port = socket.address().port;
    return this;
  }

  get address() {
    return `127.0.0.1:${this.port}`;
  }

  stop() {
    this.socket?.close();
  }

  private answer(query: Buffer): Buffer {
    let offset = 12;
    const labels: string[] = [];
    while (query[offset] !== 0) {
      labels.push(query.subarray(offset + 1, offset + 1 + query[offset]).toString('ascii'));
      offset += query[offset] + 1;
    }
    const questionEnd = offset + 5;
    const type = query.readUInt16BE(offset + 1);
    const name = labels.join('.').toLowerCase();
    const records = type === 16 ? this.txt.get(name) : undefined;
    const addresses = type === 1 ? this.a.get(name) : undefined;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    const known = this.txt.has(name) || this.a.has(name);
    header.writeUInt16BE(known ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE((records?.length ?? 0) + (addresses?.length ?? 0), 6);
    const aAnswers = (addresses ?? []).map((address) => {
      const rr = Buffer.alloc(16);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(1, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(4, 10);
      address.split('.').forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
      return rr;
    });
    const answers = (records ?? []).map((text) => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < text.length || i === 0; i += 255) {
        const part = Buffer.from(text.slice(i, i + 255), 'utf8');
        chunks.push(Buffer.from([part.length]), part);
      }
      const rdata = Buffer.concat(chunks);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(16, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([rr, rdata]);
    });
    return Buffer.concat([header, query.subarray(12, questionEnd), ...answers, ...aAnswers]);
  }
}
