import type { Socket } from 'node:net';
import { A_RELEASE_RP, RELEASE_REQUEST } from '../dicom-pdu';

/** Fixture behaviours: the first bytes of each protocol, enough for the confirmations and no more. */
export type FakeService = 'ssh' | 'ftp' | 'telnet' | 'vnc' | 'rdp' | 'dicom' | 'dicom-restricted' | 'silent';

/** An A-ASSOCIATE-AC: the fixed part (version 1, AE titles, reserved bytes) and the application context. */
function associateAccept(request: Buffer): Buffer {
  const context = Buffer.from('1.2.840.10008.3.1.1.1', 'ascii');
  const body = Buffer.alloc(68 + 4 + context.length);
  body.writeUInt16BE(1, 0);
  request.copy(body, 4, 10, 42);
  body[68] = 0x10;
  body.writeUInt16BE(context.length, 70);
  context.copy(body, 72);
  const header = Buffer.from([0x02, 0, 0, 0, 0, 0]);
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}

export function fakeService(kind: FakeService): (socket: Socket) => void {
  switch (kind) {
    case 'ssh':
      return (socket) => socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n');
    case 'ftp':
      return (socket) => socket.write('220 (vsFTPd 3.0.3)\r\n');
    case 'telnet':
      return (socket) => socket.write(Buffer.from([0xff, 0xfd, 0x18, 0xff, 0xfd, 0x20]));
    case 'vnc':
      return (socket) => socket.write('RFB 003.008\n');
    case 'rdp':
      return (socket) =>
        socket.once('data', (data: Buffer) => {
          if (data[0] === 0x03 && data[5] === 0xe0)
            socket.write(Buffer.from('0300000b06d00000123400', 'hex'));
        });
    case 'dicom':
      // Accepts any called AE title, then answers the release, like a PACS left in its default configuration.
      return (socket) =>
        socket.on('data', (data: Buffer) => {
          if (data[0] === 0x01) socket.write(associateAccept(data));
          else if (data[0] === RELEASE_REQUEST[0])
            socket.end(Buffer.from([A_RELEASE_RP, 0, 0, 0, 0, 4, 0, 0, 0, 0]));
        });
    case 'dicom-restricted':
      // Rejects every association: permanent, by the service user, called AE title not recognised.
      return (socket) =>
        socket.once('data', (data: Buffer) => {
          if (data[0] === 0x01) socket.end(Buffer.from('03000000000400010107', 'hex'));
        });
    case 'silent':
      return () => undefined;
  }
}
