import { type Dialogue, speaksFirst } from './dialogue';
import { dicomDialogue } from './dicom-probe';
import { mllpDialogue } from './mllp-probe';
import type { Confirmation } from './risky-ports';

export interface DialogueOptions {
  /** Called AE title for the DICOM probe; a random one by default, so that acceptance proves "any AE title". */
  dicomCalledAeTitle?: string;
  /** Send an HL7 test message on HL7 ports; off by default, the port is then checked by connection only. */
  mllpProbe?: boolean;
}

/** X.224 Connection Request inside a TPKT header: the first message of an RDP session. */
const RDP_CONNECTION_REQUEST = Buffer.from('0300000b06e00000000000', 'hex');

/** Whether an open port gets a dialogue: decided before connecting, so the socket is kept only then. */
export function confirmsService(confirm: Confirmation, options: DialogueOptions = {}): boolean {
  return confirm !== 'none' && (confirm !== 'hl7' || options.mllpProbe === true);
}

/**
 * How an open port is confirmed, or undefined when a connection is all the check needs. Built only once the
 * port is found open: most are closed, and a DICOM request costs a random AE title and a PDU.
 */
export function dialogueFor(confirm: Confirmation, options: DialogueOptions = {}): Dialogue | undefined {
  switch (confirm) {
    case 'ssh':
      return speaksFirst(4, (data) => data.toString('latin1', 0, 4) === 'SSH-', true, true);
    case 'ftp':
      return speaksFirst(4, (data) => /^220[ -]/.test(data.toString('latin1', 0, 4)), true, true);
    case 'vnc':
      return speaksFirst(11, (data) => /^RFB \d{3}\.\d{3}/.test(data.toString('latin1', 0, 11)), true);
    case 'telnet':
      // Telnet option negotiation (IAC) is binary: confirmed, but nothing worth quoting.
      return speaksFirst(1, (data) => data[0] === 0xff, false);
    case 'rdp':
      return {
        hello: RDP_CONNECTION_REQUEST,
        // TPKT version 3, then an X.224 Connection Confirm (0xd0).
        ...speaksFirst(6, (data) => data[0] === 0x03 && (data[5] & 0xf0) === 0xd0, false),
      };
    case 'dicom':
      return dicomDialogue(options.dicomCalledAeTitle);
    case 'hl7':
      return options.mllpProbe ? mllpDialogue() : undefined;
    case 'none':
      return undefined;
  }
}
