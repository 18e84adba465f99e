import { createHash } from 'node:crypto';

const DAY_MS = 86_400_000;

/**
 * The first scheduled scan of a newly verified asset: a fixed offset within the interval, derived from its id,
 * so that a thousand assets verified in one afternoon do not all come due in the same minute next week.
 */
export function firstScheduledScan(assetId: string, verifiedAt: Date, intervalDays: number): Date {
  const period = intervalDays * DAY_MS;
  const offset = createHash('sha256').update(assetId).digest().readUIntBE(0, 6) % period;
  return new Date(verifiedAt.getTime() + offset);
}

/** After a scan, the asset comes due again one interval later, which keeps the spread of first scans. */
export function nextScheduledScan(scannedAt: Date, intervalDays: number): Date {
  return new Date(scannedAt.getTime() + intervalDays * DAY_MS);
}
