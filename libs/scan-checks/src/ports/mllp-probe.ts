import { randomBytes } from 'node:crypto';
import { type Dialogue, printable } from './dialogue';

const START_BLOCK = 0x0b;
const END_BLOCK = 0x1c;

function hl7Timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * An HL7 v2 network-management query (NMQ^N01) with the training processing id (MSH-11 = T), framed for MLLP.
 * It carries no patient data and asks for no action, so an interface engine that routes it anyway routes a
 * harmless message; engines that do not support it still answer with a negative acknowledgement.
 */
export function mllpTestMessage(controlId: string, now = new Date()): Buffer {
  const message = `MSH|^~\\&|VIGIE|VIGIE|||${hl7Timestamp(now)}||NMQ^N01^NMQ_N01|${controlId}|T|2.5\r`;
  return Buffer.concat([
    Buffer.from([START_BLOCK]),
    Buffer.from(message, 'latin1'),
    Buffer.from([END_BLOCK, 0x0d]),
  ]);
}

/**
 * Confirms an MLLP listener by its answer to `mllpTestMessage`: any MLLP-framed HL7 message (normally an ACK)
 * confirms it, and the acknowledgement code is kept. Used only when the scan enables it: by default HL7 ports
 * are checked by connection alone, since a listener might act on whatever it receives.
 */
export function mllpDialogue(controlId = `VIGIE${randomBytes(4).toString('hex').toUpperCase()}`): Dialogue {
  return {
    hello: mllpTestMessage(controlId),
    read(received, ended) {
      if (received.length === 0) return ended ? { confirmed: false } : undefined;
      if (received[0] !== START_BLOCK) return { confirmed: false, banner: printable(received) };
      const end = received.indexOf(END_BLOCK);
      if (end < 0 && !ended && received.length < 4096) return undefined;
      const message = received.subarray(1, end < 0 ? undefined : end).toString('latin1');
      if (!message.startsWith('MSH|')) return { confirmed: false, banner: printable(received.subarray(1)) };
      const ack = /(?:^|\r)MSA\|([A-Z]{2})/.exec(message)?.[1];
      // The MSH segment alone: it names the answering application and facility, the rest is not evidence.
      const header = printable(Buffer.from(message.split('\r')[0], 'latin1'));
      return { confirmed: true, banner: header, ...(ack ? { hl7Ack: ack } : {}) };
    },
  };
}
