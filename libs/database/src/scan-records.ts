/** The BullMQ job id of a scan's run; a recovery gets its own id, since BullMQ keeps finished jobs. */
export function scanJobId(scanId: string, attempt = 0): string {
  return attempt === 0 ? `scan-${scanId}` : `scan-${scanId}-recovery-${attempt}`;
}
