import { createSocket, type Socket } from 'node:dgram';

/** A TXT record: one text, split into <=255-byte strings as a zone compiler does, or its strings spelled out. */
export type TestTxtRecord = string | string[];

/** An MX record; `exchange: '.'` (or '') with priority 0 is the null MX of RFC 7505. */
export interface TestMxRecord {
  priority: number;
  exchange: string;
}

export interface TestDnsQuery {
  name: string;
  type: string;
}

const TYPE_NAMES: Record<number, string> = { 1: 'A', 15: 'MX', 16: 'TXT', 28: 'AAAA' };
const RCODE = { noError: 0, serverFailure: 2, nameError: 3 } as const;

/**
 * A real DNS server on 127.0.0.1 (UDP) answering A, AAAA, MX and TXT queries from tables. Names are lower-case
 * keys without the final dot. A name that holds no record of the asked type gets NOERROR with no answer when it
 * exists (it has any record, or a name below it does), and NXDOMAIN otherwise, as an authoritative server does.
 */
export class TestDnsServer {
  private socket?: Socket;
  readonly txt = new Map<string, TestTxtRecord[]>();
  readonly a = new Map<string, string[]>();
  readonly aaaa = new Map<string, string[]>();
  readonly mx = new Map<string, TestMxRecord[]>();
  /** Names answered with SERVFAIL, like a broken delegation. */
  readonly servfail = new Set<string>();
  /** Names never answered, like an unreachable server: the client times out. */
  readonly unanswered = new Set<string>();
  /** Every question received, in order, so a test can prove how many lookups a check made. */
  readonly queries: TestDnsQuery[] = [];
  ttl = 60;
  port = 0;

  async start(): Promise<this> {
    const socket = createSocket('udp4');
    socket.on('message', (query, peer) => {
      const response = this.answer(query);
      if (response) socket.send(response, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    this.socket = socket;
    this.port = socket.address().port;
    return this;
  }

  get address() {
    return `127.0.0.1:${this.port}`;
  }

  get queryCount() {
    return this.queries.length;
  }

  clearQueries() {
    this.queries.length = 0;
  }

  stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    return new Promise((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  }

  private exists(name: string): boolean {
    const below = `.${name}`;
    return [this.txt, this.a, this.aaaa, this.mx].some(
      (table) => table.has(name) || [...table.keys()].some((key) => key.endsWith(below)),
    );
  }

  private records(name: string, type: number): Buffer[] {
    switch (type) {
      case 1:
        return (this.a.get(name) ?? []).map((address) => Buffer.from(address.split('.').map(Number)));
      case 28:
        return (this.aaaa.get(name) ?? []).map(ipv6Bytes);
      case 15:
        return (this.mx.get(name) ?? []).map(({ priority, exchange }) => {
          const preference = Buffer.alloc(2);
          preference.writeUInt16BE(priority);
          return Buffer.concat([preference, encodeName(exchange)]);
        });
      case 16:
        return (this.txt.get(name) ?? []).map(encodeTxt);
      default:
        return [];
    }
  }

  private answer(query: Buffer): Buffer | undefined {
    let offset = 12;
    const labels: string[] = [];
    while (query[offset] !== 0) {
      labels.push(query.subarray(offset + 1, offset + 1 + query[offset]).toString('ascii'));
      offset += query[offset] + 1;
    }
    const questionEnd = offset + 5;
    const type = query.readUInt16BE(offset + 1);
    const name = labels.join('.').toLowerCase();
    this.queries.push({ name, type: TYPE_NAMES[type] ?? String(type) });
    if (this.unanswered.has(name)) return undefined;
    const rcode = this.servfail.has(name)
      ? RCODE.serverFailure
      : this.exists(name)
        ? RCODE.noError
        : RCODE.nameError;
    const rdatas = rcode === RCODE.noError ? this.records(name, type) : [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8180 | rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(rdatas.length, 6);
    const answers = rdatas.map((rdata) => {
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(type, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(this.ttl, 6);
      rr.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([rr, rdata]);
    });
    return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
  }
}

function encodeName(name: string): Buffer {
  const labels = name.split('.').filter((label) => label !== '');
  return Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')])),
    Buffer.from([0]),
  ]);
}

function encodeTxt(record: TestTxtRecord): Buffer {
  let strings: Buffer[];
  if (Array.isArray(record)) {
    strings = record.map((text) => Buffer.from(text, 'utf8'));
    const long = strings.find((bytes) => bytes.length > 255);
    // Thrown here rather than sent: a server never emits such a string, so the test itself is wrong.
    if (long) throw new Error(`TXT string of ${long.length} bytes: at most 255 per string`);
  } else {
    const bytes = Buffer.from(record, 'utf8');
    strings = [];
    for (let i = 0; i < bytes.length || i === 0; i += 255) strings.push(bytes.subarray(i, i + 255));
  }
  return Buffer.concat(strings.flatMap((bytes) => [Buffer.from([bytes.length]), bytes]));
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail] = address.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const all =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}
