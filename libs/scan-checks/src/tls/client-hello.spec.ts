import { buildClientHello, parseServerReply, WIRE } from './client-hello';
import { readClientHello, serverHello } from './testing/servers';

const ZERO_RANDOM = Buffer.alloc(32);

function extensionTypes(hello: Buffer): number[] {
  // record (5) + handshake header (4) + version (2) + random (32) + empty session id (1)
  let offset = 5 + 4 + 2 + 32 + 1;
  offset += 2 + hello.readUInt16BE(offset); // suites
  offset += 1 + hello[offset]; // compression methods
  const end = offset + 2 + hello.readUInt16BE(offset);
  const types: number[] = [];
  for (offset += 2; offset < end; offset += 4 + hello.readUInt16BE(offset + 2))
    types.push(hello.readUInt16BE(offset));
  return types;
}

describe('ClientHello builder', () => {
  it('writes an SSLv3 hello byte for byte, without extensions', () => {
    const hello = buildClientHello({ version: WIRE.SSLv3, suites: [0x000a], random: ZERO_RANDOM });
    const expected = Buffer.concat([
      Buffer.from('160300002f', 'hex'), // handshake record, SSL 3.0, 47 bytes
      Buffer.from('0100002b', 'hex'), // ClientHello, 43 bytes
      Buffer.from('0300', 'hex'), // client_version SSL 3.0
      ZERO_RANDOM,
      Buffer.from('00', 'hex'), // no session id
      Buffer.from('0004000a00ff', 'hex'), // DES-CBC3-SHA + EMPTY_RENEGOTIATION_INFO_SCSV
      Buffer.from('0100', 'hex'), // null compression only
    ]);
    expect(hello.toString('hex')).toBe(expected.toString('hex'));
  });

  it('offers the suites given, SNI for a host name and signature algorithms for TLS 1.2', () => {
    const hello = buildClientHello({
      version: WIRE['TLSv1.2'],
      suites: [0x0005, 0xc012],
      serverName: 'portail.ch-exemple.fr',
    });
    expect(hello.subarray(0, 3).toString('hex')).toBe('160301'); // record version stays TLS 1.0 for old servers
    expect(hello.readUInt16BE(3)).toBe(hello.length - 5);
    expect(readClientHello(hello)).toEqual({ version: 0x0303, suites: [0x0005, 0xc012, 0x00ff] });
    expect(extensionTypes(hello)).toEqual([0x0000, 0x000a, 0x000b, 0x000d]);
    expect(hello.includes(Buffer.from('portail.ch-exemple.fr'))).toBe(true);
  });

  it('never sends an IP address as SNI and leaves signature algorithms out before TLS 1.2', () => {
    const hello = buildClientHello({ version: WIRE.TLSv1, suites: [0x0005], serverName: '203.0.113.7' });
    expect(extensionTypes(hello)).toEqual([0x000a, 0x000b]);
    expect(readClientHello(hello)?.version).toBe(0x0301);
  });

  it('pads hellos of 256 to 511 bytes up to 512, past the range some load balancers choke on', () => {
    const suites = Array.from({ length: 100 }, (_, i) => 0x0100 + i);
    const hello = buildClientHello({ version: WIRE['TLSv1.2'], suites, random: ZERO_RANDOM });
    const handshakeLength = hello.readUIntBE(6, 3);
    expect(handshakeLength).toBe(512);
    expect(extensionTypes(hello)).toContain(0x0015);
  });
});

describe('ServerHello parser', () => {
  it('reads the version and the chosen suite', () => {
    expect(parseServerReply(serverHello(0x0301, 0x0005))).toEqual({
      kind: 'server-hello',
      version: 0x0301,
      suite: 0x0005,
      compression: 0,
    });
  });

  it('reads a ServerHello with a session id, split over two records and followed by more data', () => {
    const body = Buffer.concat([
      Buffer.from('0303', 'hex'),
      Buffer.alloc(32, 7),
      Buffer.from([32]),
      Buffer.alloc(32, 9),
      Buffer.from('c03000', 'hex'), // ECDHE-RSA-AES256-GCM-SHA384, null compression
      Buffer.from('0000', 'hex'), // empty extensions
    ]);
    const message = Buffer.concat([Buffer.from([2, 0, 0, body.length]), body]);
    const record = (fragment: Buffer) =>
      Buffer.concat([Buffer.from([0x16, 3, 3, 0, fragment.length]), fragment]);
    const bytes = Buffer.concat([
      record(message.subarray(0, 20)),
      record(message.subarray(20)),
      Buffer.from('16030300', 'hex'),
    ]);
    expect(parseServerReply(bytes)).toEqual({
      kind: 'server-hello',
      version: 0x0303,
      suite: 0xc030,
      compression: 0,
    });
    expect(parseServerReply(bytes.subarray(0, 30))).toEqual({ kind: 'incomplete' });
  });

  it('reads alerts and rejects what is not TLS', () => {
    expect(parseServerReply(Buffer.from('15030100020228', 'hex'))).toEqual({
      kind: 'alert',
      level: 2,
      description: 40,
    });
    expect(parseServerReply(Buffer.from('1503', 'hex'))).toEqual({ kind: 'incomplete' });
    expect(parseServerReply(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toMatchObject({
      kind: 'unexpected',
    });
    expect(parseServerReply(Buffer.from('8e0404000100', 'hex'))).toEqual({
      kind: 'unexpected',
      reason: 'sslv2 record',
    });
    expect(parseServerReply(Buffer.from('160303000414000000', 'hex'))).toEqual({
      kind: 'unexpected',
      reason: 'handshake type 20',
    });
  });
});
