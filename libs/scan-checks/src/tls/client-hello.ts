import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/** Wire versions: SSLv3 is 3.0, TLS 1.0 is 3.1, TLS 1.1 is 3.2, TLS 1.2 is 3.3. */
export const WIRE = { SSLv3: 0x0300, TLSv1: 0x0301, 'TLSv1.1': 0x0302, 'TLSv1.2': 0x0303 } as const;

const CONTENT_ALERT = 0x15;
const CONTENT_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const HANDSHAKE_SERVER_HELLO = 0x02;
/** Asks for secure renegotiation without an extension, so it also works in an SSLv3 hello (RFC 5746). */
const EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

const GROUPS = [0x001d, 0x0017, 0x0018, 0x0019]; // x25519, P-256, P-384, P-521
const SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201, 0x0402, 0x0202,
];

export interface ClientHelloOptions {
  /** The highest version offered (`WIRE.*`). */
  version: number;
  suites: number[];
  /** Sent as SNI (TLS only); IP literals are never sent, as RFC 6066 forbids. */
  serverName?: string;
  /** 32 bytes; random by default, fixed in tests. */
  random?: Buffer;
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function u24(value: number): Buffer {
  return Buffer.from([(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]);
}

/** A vector with a 2-byte length prefix. */
function vector16(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u16(body.length), body]);
}

function extension(type: number, data: Buffer): Buffer {
  return Buffer.concat([u16(type), vector16(data)]);
}

function list16(values: number[]): Buffer {
  return vector16(...values.map(u16));
}

function extensionsFor(options: ClientHelloOptions): Buffer[] {
  const extensions: Buffer[] = [];
  if (options.serverName && !isIP(options.serverName)) {
    const name = Buffer.from(options.serverName, 'ascii');
    extensions.push(extension(0x0000, vector16(Buffer.from([0]), vector16(name))));
  }
  // Without supported_groups and point formats a server cannot pick an ECDHE suite.
  extensions.push(extension(0x000a, list16(GROUPS)), extension(0x000b, Buffer.from([1, 0])));
  if (options.version >= WIRE['TLSv1.2']) extensions.push(extension(0x000d, list16(SIGNATURE_SCHEMES)));
  return extensions;
}

/**
 * A ClientHello record offering exactly `suites`, for probing what Node's OpenSSL refuses to offer (SSLv3,
 * RC4, 3DES, EXPORT). SSLv3 hellos carry no extensions, as SSLv3 servers predate them.
 */
export function buildClientHello(options: ClientHelloOptions): Buffer {
  const random = options.random ?? randomBytes(32);
  if (random.length !== 32) throw new RangeError('the ClientHello random is 32 bytes');
  const head = Buffer.concat([
    u16(options.version),
    random,
    Buffer.from([0]), // no session id
    list16([...options.suites, EMPTY_RENEGOTIATION_INFO_SCSV]),
    Buffer.from([1, 0]), // compression: null only
  ]);
  let extensions = options.version >= WIRE.TLSv1 ? extensionsFor(options) : [];
  const size = (exts: Buffer[]) => head.length + (exts.length ? 2 + Buffer.concat(exts).length : 0);
  // Some load balancers hang on hellos of 256-511 bytes; RFC 7685 padding steps over that range.
  if (extensions.length && size(extensions) >= 256 && size(extensions) < 512) {
    extensions = [...extensions, extension(0x0015, Buffer.alloc(Math.max(0, 512 - size(extensions) - 4)))];
  }
  const body = extensions.length ? Buffer.concat([head, vector16(...extensions)]) : head;
  const handshake = Buffer.concat([Buffer.from([HANDSHAKE_CLIENT_HELLO]), u24(body.length), body]);
  // The record layer says TLS 1.0 at most: old servers reject a hello whose record version they do not know.
  const recordVersion = Math.min(options.version, WIRE.TLSv1);
  return Buffer.concat([
    Buffer.from([CONTENT_HANDSHAKE]),
    u16(recordVersion),
    u16(handshake.length),
    handshake,
  ]);
}

export type ServerReply =
  | { kind: 'server-hello'; version: number; suite: number; compression: number }
  | { kind: 'alert'; level: number; description: number }
  /** More bytes are needed. */
  | { kind: 'incomplete' }
  | { kind: 'unexpected'; reason: string };

/**
 * The server's first answer to a ClientHello, from the bytes received so far: a ServerHello (version and
 * chosen suite) or an alert. The ServerHello may be split over several handshake records.
 */
export function parseServerReply(data: Buffer): ServerReply {
  let handshake = Buffer.alloc(0);
  let offset = 0;
  while (offset + 5 <= data.length) {
    const type = data[offset];
    const length = data.readUInt16BE(offset + 3);
    if (type !== CONTENT_ALERT && type !== CONTENT_HANDSHAKE) {
      // An SSLv2 server answers with a 2-byte header whose high bit is set; anything else is not TLS.
      return { kind: 'unexpected', reason: data[offset] & 0x80 ? 'sslv2 record' : `record type ${type}` };
    }
    if (data[offset + 1] !== 0x03) return { kind: 'unexpected', reason: 'not an SSL 3 / TLS record' };
    if (offset + 5 + length > data.length) break;
    const fragment = data.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if (type === CONTENT_ALERT) {
      if (fragment.length < 2) return { kind: 'unexpected', reason: 'short alert' };
      return { kind: 'alert', level: fragment[0], description: fragment[1] };
    }
    handshake = Buffer.concat([handshake, fragment]);
    const reply = serverHelloFrom(handshake);
    if (reply) return reply;
  }
  return { kind: 'incomplete' };
}

function serverHelloFrom(handshake: Buffer): ServerReply | undefined {
  if (handshake.length < 4) return undefined;
  if (handshake[0] !== HANDSHAKE_SERVER_HELLO)
    return { kind: 'unexpected', reason: `handshake type ${handshake[0]}` };
  // version (2) + random (32) + session id length (1), then the session id, suite (2) and compression (1).
  if (handshake.length < 4 + 35) return undefined;
  const sessionIdLength = handshake[4 + 34];
  const at = 4 + 35 + sessionIdLength;
  if (sessionIdLength > 32) return { kind: 'unexpected', reason: 'session id longer than 32 bytes' };
  if (handshake.length < at + 3) return undefined;
  return {
    kind: 'server-hello',
    version: handshake.readUInt16BE(4),
    suite: handshake.readUInt16BE(at),
    compression: handshake[at + 2],
  };
}
