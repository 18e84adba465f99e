import { Equals, IsIn, IsUUID } from 'class-validator';

/** Runs one scan recorded in the database (its tasks are planned when the scan is created). */
export class RunScanJob {
  @Equals(1)
  version!: 1;

  @IsUUID()
  scanId!: string;
}

export interface RunScanResult {
  /** `held_elsewhere`: another worker runs this scan (a duplicate job), nothing was done. */
  status: 'completed' | 'failed' | 'held_elsewhere';
  tasks: number;
  tasksFailed: number;
  /** Tasks whose target answered nothing: their earlier findings were kept open. */
  tasksUnreachable: number;
  findingsNew: number;
  findingsPersisting: number;
  findingsResolved: number;
  /** The scoring job queued for the establishment's latest submitted assessment, if it has one. */
  scoringQueued: boolean;
}

export const SCHEDULE_TRIGGERS = ['schedule', 'manual'] as const;

/** Creates the scans of verified assets that are due, and takes back scans whose worker was lost. */
export class ScheduleScansJob {
  @Equals(1)
  version!: 1;

  @IsIn(SCHEDULE_TRIGGERS)
  trigger!: (typeof SCHEDULE_TRIGGERS)[number];
}

export interface ScheduleScansResult {
  assetsDue: number;
  scansCreated: number;
  /** Establishments skipped because they already have their maximum of scans in flight. */
  establishmentsAtLimit: number;
  staleScansRequeued: number;
  staleScansFailed: number;
}
