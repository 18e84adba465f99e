import type { DicomAnswer } from './dicom-pdu';

/** What an open port said that bears on the finding. */
export interface ServiceVerdict {
  /** The protocol was recognised (SSH banner, RDP connection confirm, DICOM association answer...). */
  confirmed: boolean;
  /** What the service said, when it is worth quoting. */
  banner?: string;
  /** The answer to our A-ASSOCIATE-RQ, and the random called AE title it was addressed to. */
  dicom?: DicomAnswer & { calledAeTitle: string };
  /** MSA-1 of the HL7 acknowledgement (AA, AE, AR, CA...) to our MLLP test message. */
  hl7Ack?: string;
}

/** One short conversation with an open port, run on a socket the prober owns. */
export interface Dialogue {
  /** Sent as soon as the connection is up; nothing for services that speak first. */
  hello?: Buffer;
  /**
   * What the bytes received so far mean, or undefined while more are needed. `ended` is true once no more will
   * come (the window closed or the peer hung up): the dialogue must decide then.
   */
  read(received: Buffer, ended: boolean): ServiceVerdict | undefined;
  /** Sent after the verdict, before hanging up, and its answer awaited briefly (A-RELEASE-RQ after an AC). */
  farewell?(verdict: ServiceVerdict): Buffer | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(data: Buffer): string {
  try {
    return utf8.decode(data);
  } catch {
    // Not UTF-8 (or cut inside a character): one byte, one character, so nothing is lost.
    return data.toString('latin1');
  }
}

/** Quotable text: the first line, control bytes shown as dots, at most 200 characters. */
export function printable(data: Buffer): string | undefined {
  const text = decode(data)
    .replace(/^[\s\0]+/, '')
    .split(/\r?\n/)[0]
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f-\x9f]/g, '.')
    .trim()
    .slice(0, 200);
  return text || undefined;
}

/**
 * A service that speaks first: `needed` bytes are enough to recognise it (or not), so an open port that says
 * something else is settled at once instead of waiting out the window.
 */
export function speaksFirst(
  needed: number,
  recognise: (data: Buffer) => boolean,
  quote: boolean,
  completeLine = false,
): Dialogue {
  return {
    read(received, ended) {
      if (received.length < needed && !ended) return undefined;
      if (received.length === 0) return { confirmed: false };
      const confirmed = received.length >= needed && recognise(received);
      // A banner cut inside its first line would be quoted half: wait for the end of the line.
      if (confirmed && completeLine && !ended && !received.includes(0x0a) && received.length < 256)
        return undefined;
      return { confirmed, ...(quote || !confirmed ? { banner: printable(received) } : {}) };
    },
  };
}
