import { DomainError, ErrorCode } from '@vigie/common';
import { type EntityManager, In } from 'typeorm';
import { Scan, type ScanTrigger } from '../entities/scan.entity';
import { ScanTask } from '../entities/scan-task.entity';
import { IN_FLIGHT_SCAN_STATUSES, ScanStatus, ScanTaskStatus } from './scan-states';

/** One task as planned by the check catalogue (`planScanTasks` in @vigie/scan-checks), in the order it runs. */
export interface PlannedScanTask {
  subjectType: 'asset' | 'config_file';
  subjectId: string;
  family: string;
  target: string;
}

export interface NewScan {
  establishmentId: string;
  trigger: ScanTrigger;
  requestedById: string | null;
  tasks: PlannedScanTask[];
  /** Version of the check catalogue the tasks were planned with. */
  checksVersion: string;
}

/**
 * Serialises what counts or changes the scans of one establishment (the in-flight limit, the findings of a
 * finishing scan) on PostgreSQL by locking its row. SQLite already runs one transaction at a time.
 */
export async function lockEstablishment(manager: EntityManager, establishmentId: string): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  await manager.query('SELECT id FROM establishment WHERE id = $1 FOR UPDATE', [establishmentId]);
}

/**
 * Takes the establishment's lock and refuses (`scan.limit_reached`) when it already has `maxInFlight` scans
 * queued or running. The lock is held until the caller's transaction ends, so the scan it then records counts.
 */
export async function admitScan(
  manager: EntityManager,
  establishmentId: string,
  maxInFlight: number,
): Promise<void> {
  await lockEstablishment(manager, establishmentId);
  const inFlight = await manager.count(Scan, {
    where: { establishmentId, status: In([...IN_FLIGHT_SCAN_STATUSES]) },
  });
  if (inFlight >= maxInFlight)
    throw new DomainError(
      ErrorCode.ScanLimitReached,
      `This establishment already has ${inFlight} scan${inFlight > 1 ? 's' : ''} queued or running (at most ${maxInFlight}): wait for one to finish`,
    );
}

export function isScanLimitReached(error: unknown): boolean {
  return error instanceof DomainError && error.code === ErrorCode.ScanLimitReached;
}

/**
 * Records a queued scan and its tasks in the caller's transaction, without looking at the limit (seeds and tests
 * use it as is; the API and the scheduler go through `createScan` or `admitScan`). The job is sent afterwards.
 */
export async function recordScan(manager: EntityManager, input: NewScan): Promise<Scan> {
  const scan = manager.create(Scan, {
    establishmentId: input.establishmentId,
    status: ScanStatus.Queued,
    trigger: input.trigger,
    requestedById: input.requestedById,
    taskCount: input.tasks.length,
    tasksDone: 0,
    tasksFailed: 0,
    tasksUnreachable: 0,
    findingsNew: 0,
    findingsPersisting: 0,
    findingsResolved: 0,
    checksVersion: input.checksVersion,
    error: null,
    attempts: 0,
    recoveries: 0,
    runToken: null,
    startedAt: null,
    heartbeatAt: null,
    finishedAt: null,
    // Milliseconds matter when listing a history: SQLite's default timestamp keeps whole seconds.
    createdAt: new Date(),
  });
  await manager.insert(Scan, scan);
  const rows = input.tasks.map((task, position) =>
    manager.create(ScanTask, {
      ...task,
      scanId: scan.id,
      position,
      status: ScanTaskStatus.Pending,
      attempts: 0,
      error: null,
      findingCount: null,
      durationMs: null,
      grade: null,
      checkVersion: null,
      details: null,
      findings: null,
      finishedAt: null,
    }),
  );
  for (let i = 0; i < rows.length; i += 200) await manager.insert(ScanTask, rows.slice(i, i + 200));
  return scan;
}

/** A scan within the establishment's in-flight limit, or `scan.limit_reached`. */
export async function createScan(manager: EntityManager, input: NewScan, maxInFlight: number): Promise<Scan> {
  await admitScan(manager, input.establishmentId, maxInFlight);
  return recordScan(manager, input);
}
