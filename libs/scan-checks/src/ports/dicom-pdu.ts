/**
 * The few DICOM upper-layer PDUs the exposure check needs (PS3.8 §9.3): an A-ASSOCIATE-RQ proposing only the
 * Verification service, the A-RELEASE-RQ that ends an accepted association politely, and the first bytes of the
 * answer. No DIMSE message is ever sent: the association alone tells whether any AE title is accepted.
 */

const APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';
const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1';
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
/** UUID a11da182-1020-4671-ba23-72513b4efc73 as a 2.25 UID (ISO/IEC 9834-8): no organisation root is borrowed. */
export const IMPLEMENTATION_CLASS_UID = '2.25.214159559702867058758960224012837256307';
/** Shows up in PACS logs, so an administrator can tell who knocked. */
export const IMPLEMENTATION_VERSION_NAME = 'VIGIE_SCAN_1';
export const CALLING_AE_TITLE = 'VIGIE';

export const A_ASSOCIATE_AC = 0x02;
export const A_ASSOCIATE_RJ = 0x03;
export const A_RELEASE_RP = 0x06;
export const A_ABORT = 0x07;

/** A-RELEASE-RQ: type 0x05, length 4, four reserved bytes. */
export const RELEASE_REQUEST = Buffer.from([0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0]);

function item(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = type;
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

function aeTitle(title: string): Buffer {
  if (!/^[\x20-\x5b\x5d-\x7e]{1,16}$/.test(title) || title.trim() === '')
    throw new Error(`"${title}" is not a valid AE title (1 to 16 printable characters, no backslash)`);
  return Buffer.from(title.padEnd(16, ' '), 'ascii');
}

/** An A-ASSOCIATE-RQ for Verification in Implicit VR Little Endian, the one context every SCP supports. */
export function associateRequest(calledAeTitle: string, callingAeTitle = CALLING_AE_TITLE): Buffer {
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(16384);
  const presentationContext = Buffer.concat([
    Buffer.from([1, 0, 0, 0]), // context id 1 (odd, as required), then reserved bytes
    item(0x30, Buffer.from(VERIFICATION_SOP_CLASS, 'ascii')),
    item(0x40, Buffer.from(IMPLICIT_VR_LITTLE_ENDIAN, 'ascii')),
  ]);
  const userInformation = Buffer.concat([
    item(0x51, maxLength),
    item(0x52, Buffer.from(IMPLEMENTATION_CLASS_UID, 'ascii')),
    item(0x55, Buffer.from(IMPLEMENTATION_VERSION_NAME, 'ascii')),
  ]);
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(1, 0); // protocol version 1
  aeTitle(calledAeTitle).copy(fixed, 4);
  aeTitle(callingAeTitle).copy(fixed, 20);
  const body = Buffer.concat([
    fixed,
    item(0x10, Buffer.from(APPLICATION_CONTEXT, 'ascii')),
    item(0x20, presentationContext),
    item(0x50, userInformation),
  ]);
  const header = Buffer.alloc(6);
  header[0] = 0x01;
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}

/** Result, source and reason bytes of an A-ASSOCIATE-RJ or A-ABORT (PS3.8 tables 9-21 and 9-26). */
export interface DicomRefusal {
  result: number;
  source: number;
  reason: number;
}

export type DicomAnswer =
  { pdu: 'accept' } | ({ pdu: 'reject' } & DicomRefusal) | ({ pdu: 'abort' } & Omit<DicomRefusal, 'result'>);

/**
 * Reads the answer to an A-ASSOCIATE-RQ. `undefined` while more bytes are needed; `null` when the bytes cannot be
 * a DICOM answer (an HTTP banner, a TLS alert...).
 */
export function readAssociateAnswer(data: Buffer): DicomAnswer | null | undefined {
  if (data.length === 0) return undefined;
  const type = data[0];
  if (type !== A_ASSOCIATE_AC && type !== A_ASSOCIATE_RJ && type !== A_ABORT) return null;
  if (data.length < 6) return data[1] === 0 || data.length < 2 ? undefined : null;
  const length = data.readUInt32BE(2);
  if (data[1] !== 0 || length < 4 || length > 1 << 20) return null;
  // RJ and ABORT are exactly 4 bytes long after the header; an AC carries at least the 68-byte fixed part.
  if (type === A_ASSOCIATE_AC) return length >= 68 ? { pdu: 'accept' } : null;
  if (length !== 4) return null;
  if (data.length < 10) return undefined;
  return type === A_ASSOCIATE_RJ
    ? { pdu: 'reject', result: data[7], source: data[8], reason: data[9] }
    : { pdu: 'abort', source: data[8], reason: data[9] };
}
