import { createHash } from 'node:crypto';
import type { CheckFinding } from '../finding';

/** The identity of a fact from one scan to the next: check, target and key (the title when there is no key). */
export function fingerprintOf(finding: Pick<CheckFinding, 'checkId' | 'target' | 'key' | 'title'>): string {
  return createHash('sha256')
    .update(`${finding.checkId}\u0000${finding.target}\u0000${finding.key ?? finding.title}`)
    .digest('hex');
}

export interface KnownFinding {
  fingerprint: string;
  status: 'open' | 'resolved';
  family: string;
}

export interface FindingDiff<F> {
  /** Not open before this scan: first seen, or seen again after it was resolved. */
  opened: { fingerprint: string; finding: F }[];
  persisting: { fingerprint: string; finding: F }[];
  /** Open before, not seen by a family that completed on this subject. */
  resolved: string[];
}

/**
 * Compares what a scan saw on one subject with the findings already known for it. Only the families that
 * completed can resolve: a TLS check that timed out says nothing about the TLS findings of the last scan.
 */
export function diffFindings<F extends Pick<CheckFinding, 'checkId' | 'target' | 'key' | 'title'>>(
  known: KnownFinding[],
  seen: F[],
  completedFamilies: ReadonlySet<string>,
): FindingDiff<F> {
  const byFingerprint = new Map(known.map((k) => [k.fingerprint, k]));
  const current = new Map<string, F>();
  for (const finding of seen) current.set(fingerprintOf(finding), finding);
  const diff: FindingDiff<F> = { opened: [], persisting: [], resolved: [] };
  for (const [fingerprint, finding] of current) {
    const before = byFingerprint.get(fingerprint);
    (before?.status === 'open' ? diff.persisting : diff.opened).push({ fingerprint, finding });
  }
  for (const k of known)
    if (k.status === 'open' && !current.has(k.fingerprint) && completedFamilies.has(k.family))
      diff.resolved.push(k.fingerprint);
  return diff;
}
