import { DomainError, ErrorCode } from '@vigie/common';

/** The states of a scan. Declared once: every query and every DTO takes its values from here. */
export const ScanStatus = {
  Queued: 'queued',
  Running: 'running',
  Completed: 'completed',
  Failed: 'failed',
} as const;
export type ScanStatus = (typeof ScanStatus)[keyof typeof ScanStatus];
export const SCAN_STATUSES: readonly ScanStatus[] = Object.values(ScanStatus);

/** The states of one task (a check family on one subject). */
export const ScanTaskStatus = {
  Pending: 'pending',
  Running: 'running',
  Completed: 'completed',
  /** The family had nothing to look at (port closed, no web server): a finished run, it resolves. */
  Skipped: 'skipped',
  /** Nothing answered at all (every probe timed out or the network said unreachable): it resolves nothing. */
  Unreachable: 'unreachable',
  Failed: 'failed',
} as const;
export type ScanTaskStatus = (typeof ScanTaskStatus)[keyof typeof ScanTaskStatus];
export const SCAN_TASK_STATUSES: readonly ScanTaskStatus[] = Object.values(ScanTaskStatus);

/**
 * Where a scan may go from each state (docs/scans/lifecycle.md draws it). Running → running is a run taking back
 * a scan whose worker stopped beating; completed and failed are final.
 */
export const SCAN_TRANSITIONS: Readonly<Record<ScanStatus, readonly ScanStatus[]>> = {
  queued: [ScanStatus.Running, ScanStatus.Failed],
  running: [ScanStatus.Running, ScanStatus.Completed, ScanStatus.Failed],
  completed: [],
  failed: [],
};

/** Running → running is a task started again by the run that resumed its scan. */
export const SCAN_TASK_TRANSITIONS: Readonly<Record<ScanTaskStatus, readonly ScanTaskStatus[]>> = {
  pending: [ScanTaskStatus.Running],
  running: [
    ScanTaskStatus.Running,
    ScanTaskStatus.Completed,
    ScanTaskStatus.Skipped,
    ScanTaskStatus.Unreachable,
    ScanTaskStatus.Failed,
  ],
  completed: [],
  skipped: [],
  unreachable: [],
  failed: [],
};

/** Counted against the per-establishment limit; a scheduled or manual scan waits while there are too many. */
export const IN_FLIGHT_SCAN_STATUSES: readonly ScanStatus[] = [ScanStatus.Queued, ScanStatus.Running];
/** Tasks a resumed run still has to do. */
export const UNFINISHED_TASK_STATUSES: readonly ScanTaskStatus[] = [
  ScanTaskStatus.Pending,
  ScanTaskStatus.Running,
];
/** Tasks whose family ran to its end on a subject that answered: what they no longer see is resolved. */
export const RESOLVING_TASK_STATUSES: readonly ScanTaskStatus[] = [
  ScanTaskStatus.Completed,
  ScanTaskStatus.Skipped,
];

/** The states a scan may reach `to` from: the guard of every conditional update. */
export function scanStatesLeadingTo(to: ScanStatus): ScanStatus[] {
  return SCAN_STATUSES.filter((from) => SCAN_TRANSITIONS[from].includes(to));
}

export function taskStatesLeadingTo(to: ScanTaskStatus): ScanTaskStatus[] {
  return SCAN_TASK_STATUSES.filter((from) => SCAN_TASK_TRANSITIONS[from].includes(to));
}

export function assertScanTransition(from: ScanStatus, to: ScanStatus): void {
  if (!SCAN_TRANSITIONS[from].includes(to))
    throw new DomainError(ErrorCode.ScanTransitionRefused, `A ${from} scan cannot become ${to}`);
}

export function isFinalScanStatus(status: ScanStatus): boolean {
  return SCAN_TRANSITIONS[status].length === 0;
}

/** A scan whose tasks have all run is completed, even with failures; failed only when every task failed. */
export function finalScanStatus(tasks: { status: ScanTaskStatus }[]): ScanStatus {
  const failed = tasks.filter((t) => t.status === ScanTaskStatus.Failed).length;
  return tasks.length > 0 && failed === tasks.length ? ScanStatus.Failed : ScanStatus.Completed;
}
