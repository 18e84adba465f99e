/**
 * Every BullMQ job id Vigie chooses, in one place. BullMQ ignores a job whose id it already holds, so an id names
 * the event that asked for the work: sending the same event twice (a retried transaction, the outbox resending,
 * several workers starting) queues one job. Ids are persisted in Redis and in the outbox: never change a format
 * once released. Jobs without a chosen id (manual housekeeping, rescore-all's fan-out) get BullMQ's counter.
 */
export const jobIds = {
  /** The scoring of an assessment when it is submitted: once per assessment. */
  scoreOnSubmit: (assessmentId: string) => `score-${assessmentId}-submit`,
  /** A scoring asked for by a user: each request is its own job. */
  scoreOnRequest: (assessmentId: string, requestedAt: Date) =>
    `score-${assessmentId}-rescore-${requestedAt.getTime()}`,
  /** The scoring that follows a finished scan: once per scan. */
  scoreAfterScan: (assessmentId: string, scanId: string) => `score-${assessmentId}-scan-${scanId}`,
  /** Rescoring everything once a plan version is published: once per version. */
  rescoreAllForPlan: (planVersion: string) => `rescore-all-plan-${planVersion}`,
  /** Rescoring everything once after a deployment that changes the scoring rules: once per scoring version. */
  rescoreAllForScoring: (scoringVersion: string) =>
    `rescore-all-scoring-${scoringVersion.replaceAll('.', '-')}`,
  /** The run of a scan; a recovery gets its own id, since BullMQ keeps finished jobs. */
  scanRun: (scanId: string, recovery = 0) =>
    recovery === 0 ? `scan-${scanId}` : `scan-${scanId}-recovery-${recovery}`,
} as const;
