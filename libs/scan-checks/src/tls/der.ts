/** One DER element: its tag and where its content lies in the buffer it was read from. */
export interface DerElement {
  tag: number;
  /** The content bytes (a view, not a copy). */
  content: Buffer;
  /** Header and content: the bytes to compare when two encodings must be identical (issuer vs subject). */
  encoded: Buffer;
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
  /** `[0]` constructed, as the explicit version of a tbsCertificate. */
  context0: 0xa0,
} as const;

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** Reads the element starting at `offset`. Only what X.509 needs: one-byte tags, definite lengths. */
export function readElement(buffer: Buffer, offset = 0): DerElement {
  if (offset + 2 > buffer.length) throw new DerError(`truncated header at ${offset}`);
  const tag = buffer[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at ${offset}`);
  let length = buffer[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // 0x80 is BER's indefinite length, which DER forbids; four bytes already allow a 4 GiB element.
    if (count === 0 || count > 4) throw new DerError(`unsupported length form at ${offset}`);
    if (offset + 2 + count > buffer.length) throw new DerError(`truncated length at ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[offset + 2 + i];
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError(`element at ${offset} overruns its buffer`);
  return {
    tag,
    content: buffer.subarray(offset + header, end),
    encoded: buffer.subarray(offset, end),
  };
}

/** The elements inside a constructed element (SEQUENCE, SET, explicit tag). */
export function childrenOf(element: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < element.content.length) {
    const child = readElement(element.content, offset);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element || element.tag !== tag)
    throw new DerError(
      `${what}: expected tag 0x${tag.toString(16)}, got ${element ? `0x${element.tag.toString(16)}` : 'nothing'}`,
    );
  return element;
}

/** Dotted form of an OBJECT IDENTIFIER's content. */
export function decodeOid(content: Buffer): string {
  if (content.length === 0) throw new DerError('empty OID');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** UTCTime (YYMMDDHHMMSSZ, years 1950-2049 per RFC 5280) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
export function decodeTime(element: DerElement): Date {
  const text = element.content.toString('latin1');
  let match: RegExpExecArray | null;
  if (element.tag === TAG.utcTime && (match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    const yy = Number(match[1]);
    return utc(yy < 50 ? 2000 + yy : 1900 + yy, match.slice(2));
  }
  if (
    element.tag === TAG.generalizedTime &&
    (match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))
  ) {
    return utc(Number(match[1]), match.slice(2));
  }
  throw new DerError(`unsupported time "${text}"`);
}

function utc(year: number, [month, day, hour, minute, second]: string[]): Date {
  return new Date(
    Date.UTC(year, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)),
  );
}
