/** Evidence types accepted, recognised by their first bytes rather than by what the client claims. */
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/zip',
  'text/plain',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const startsWith = (content: Buffer, bytes: number[]) => bytes.every((b, i) => content[i] === b);

/**
 * PDF, PNG, JPEG, Office/OpenDocument files (ZIP containers) and UTF-8 text (CSV, logs, exports).
 * Anything else (executables, HTML, unknown binaries) is refused.
 */
export function sniffEvidenceType(content: Buffer): EvidenceType | null {
  if (content.length === 0) return null;
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  const head = content.subarray(0, 64 * 1024);
  if (head.includes(0)) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if (text.includes('\uFFFD')) return null;
  if (/^\s*<(!doctype|html|script|svg)/i.test(text)) return null;
  return 'text/plain';
}
