import { randomBytes } from 'node:crypto';
import { type DicomAnswer, associateRequest, readAssociateAnswer, RELEASE_REQUEST } from './dicom-pdu';
import { type Dialogue, printable } from './dialogue';

/** A called AE title no PACS is configured with: if it is accepted, any AE title is. */
export function randomAeTitle(): string {
  return `Z${randomBytes(6).toString('hex').toUpperCase()}`;
}

/**
 * The DICOM exposure probe (PS3.8 §9.3.2): an A-ASSOCIATE-RQ for Verification addressed to a random called AE
 * title. An A-ASSOCIATE-AC means the PACS accepts anyone who can reach it; an A-ASSOCIATE-RJ or A-ABORT means a
 * DICOM service that filters; anything else (silence, another protocol) is not DICOM. An accepted association
 * is released (A-RELEASE-RQ) rather than dropped, and no DIMSE command is ever sent.
 */
export function dicomDialogue(calledAeTitle: string = randomAeTitle()): Dialogue {
  return {
    hello: associateRequest(calledAeTitle),
    read(received, ended) {
      const answer = readAssociateAnswer(received);
      if (answer === undefined && !ended) return undefined;
      if (!answer) return { confirmed: false, banner: received.length ? printable(received) : undefined };
      return { confirmed: true, dicom: { ...answer, calledAeTitle } };
    },
    farewell: (verdict) => (verdict.dicom?.pdu === 'accept' ? RELEASE_REQUEST : undefined),
  };
}

const RESULTS: Record<number, string> = { 1: 'rejet définitif', 2: 'rejet temporaire' };

/** PS3.8 table 9-21: the reason depends on which layer refused. */
const REJECT_REASONS: Record<number, Record<number, string>> = {
  1: {
    1: 'aucun motif donné',
    2: 'contexte applicatif non pris en charge',
    3: 'AE title appelant non reconnu',
    7: 'AE title appelé non reconnu',
  },
  2: { 1: 'aucun motif donné', 2: 'version du protocole non prise en charge' },
  3: { 1: 'service temporairement saturé', 2: 'limite locale atteinte' },
};

/** PS3.8 table 9-26. */
const ABORT_REASONS: Record<number, string> = {
  0: 'motif non précisé',
  1: 'PDU non reconnue',
  2: 'PDU inattendue',
  4: 'paramètre de PDU non reconnu',
  5: 'paramètre de PDU inattendu',
  6: 'valeur de paramètre de PDU invalide',
};

/** The answer in the words of the finding's evidence. */
export function describeDicomAnswer(answer: DicomAnswer): string {
  switch (answer.pdu) {
    case 'accept':
      return 'association acceptée (A-ASSOCIATE-AC)';
    case 'reject': {
      const result = RESULTS[answer.result] ?? `résultat ${answer.result}`;
      const reason = REJECT_REASONS[answer.source]?.[answer.reason] ?? `motif ${answer.reason}`;
      return `association refusée (A-ASSOCIATE-RJ : ${result}, ${reason})`;
    }
    case 'abort':
      return `association interrompue (A-ABORT : ${
        answer.source === 2
          ? (ABORT_REASONS[answer.reason] ?? `motif ${answer.reason}`)
          : 'à l’initiative du service'
      })`;
  }
}
