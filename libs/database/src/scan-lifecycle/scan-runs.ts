import { type DataSource, type EntityManager, In } from 'typeorm';
import { Asset } from '../entities/asset.entity';
import { Scan } from '../entities/scan.entity';
import { ScanTask } from '../entities/scan-task.entity';
import {
  assertScanTransition,
  finalScanStatus,
  ScanStatus,
  scanStatesLeadingTo,
  ScanTaskStatus,
  taskStatesLeadingTo,
  UNFINISHED_TASK_STATUSES,
} from './scan-states';

/** Pause before the scheduler tries again the assets of a scan that failed, instead of a whole interval. */
const FAILED_SCAN_RETRY_MS = 3_600_000;

/**
 * Takes a scan for one run (`token`): queued, or running with a stale heartbeat (its worker died or gave up), or
 * already held by this very run. False when another live run holds it or it is finished.
 */
export async function claimScan(
  dataSource: DataSource,
  scan: Scan,
  token: string,
  staleAfterSeconds: number,
): Promise<boolean> {
  const staleBefore = new Date(Date.now() - staleAfterSeconds * 1000);
  const now = new Date();
  const from = scanStatesLeadingTo(ScanStatus.Running);
  const result = await dataSource
    .createQueryBuilder()
    .update(Scan)
    .set({
      status: ScanStatus.Running,
      runToken: token,
      heartbeatAt: now,
      startedAt: scan.startedAt ?? now,
      attempts: () => '"attempts" + 1',
    })
    .where('id = :id', { id: scan.id })
    .andWhere('status IN (:...from)', { from })
    .andWhere(
      '(status = :queued OR "runToken" = :token OR "heartbeatAt" IS NULL OR "heartbeatAt" < :staleBefore)',
      { queued: ScanStatus.Queued, staleBefore, token },
    )
    .execute();
  return (result.affected ?? 0) === 1;
}

/** The run's heartbeat; false when another run took the scan. A database error is thrown, so the job is retried. */
export async function beatScan(dataSource: DataSource, scanId: string, token: string): Promise<boolean> {
  const result = await dataSource
    .getRepository(Scan)
    .update({ id: scanId, runToken: token, status: ScanStatus.Running }, { heartbeatAt: new Date() });
  return (result.affected ?? 0) === 1;
}

export async function recordScanProgress(
  dataSource: DataSource,
  scanId: string,
  token: string,
  tasksDone: number,
): Promise<void> {
  await dataSource.getRepository(Scan).update({ id: scanId, runToken: token }, { tasksDone });
}

/** The tasks a run still has to do, in order: pending ones, and running ones a lost worker left behind. */
export function unfinishedTasks(dataSource: DataSource, scanId: string): Promise<ScanTask[]> {
  return dataSource.getRepository(ScanTask).find({
    where: { scanId, status: In([...UNFINISHED_TASK_STATUSES]) },
    order: { position: 'ASC' },
  });
}

type TaskOutcome = Partial<
  Pick<
    ScanTask,
    'attempts' | 'error' | 'findingCount' | 'durationMs' | 'grade' | 'checkVersion' | 'details' | 'findings'
  >
>;

/** Moves a task to `to` with what it produced; refused (false) when the table forbids it from its state. */
export async function moveTask(
  dataSource: DataSource,
  taskId: string,
  to: ScanTaskStatus,
  outcome: TaskOutcome = {},
): Promise<boolean> {
  const final = to !== ScanTaskStatus.Running;
  const result = await dataSource
    .getRepository(ScanTask)
    .update(
      { id: taskId, status: In(taskStatesLeadingTo(to)) },
      { ...outcome, status: to, ...(final ? { finishedAt: new Date() } : {}) },
    );
  return (result.affected ?? 0) === 1;
}

export interface FindingCounts {
  new: number;
  persisting: number;
  resolved: number;
}

/**
 * Ends a run in the caller's transaction (which holds the establishment's lock and applied the findings):
 * completed, or failed when every task failed. Null when the scan is no longer this run's: it writes nothing.
 */
export async function completeScan(
  manager: EntityManager,
  scan: Scan,
  token: string,
  tasks: ScanTask[],
  findings: FindingCounts,
): Promise<Scan | null> {
  if (scan.runToken !== token || scan.status !== ScanStatus.Running) return null;
  const status = finalScanStatus(tasks);
  assertScanTransition(scan.status, status);
  const finishedAt = new Date();
  const result = await manager.update(
    Scan,
    { id: scan.id, runToken: token, status: In(scanStatesLeadingTo(status)) },
    {
      status,
      finishedAt,
      heartbeatAt: finishedAt,
      tasksDone: tasks.length,
      tasksFailed: tasks.filter((t) => t.status === ScanTaskStatus.Failed).length,
      tasksUnreachable: tasks.filter((t) => t.status === ScanTaskStatus.Unreachable).length,
      findingsNew: findings.new,
      findingsPersisting: findings.persisting,
      findingsResolved: findings.resolved,
      error: status === ScanStatus.Failed ? 'Toutes les vérifications ont échoué' : null,
    },
  );
  if ((result.affected ?? 0) !== 1) return null;
  return manager.findOneByOrFail(Scan, { id: scan.id });
}

/**
 * The job of a scan gave up (attempts spent, or an unrecoverable error): the scan says so instead of staying
 * "running". Only if it is held by a run of that job, or still queued (the job gave up before it claimed it).
 */
export async function failScanOfJob(
  dataSource: DataSource,
  scanId: string,
  jobId: string,
  reason: string,
): Promise<void> {
  const scans = dataSource.getRepository(Scan);
  const failed = {
    status: ScanStatus.Failed,
    finishedAt: new Date(),
    error: `Analyse interrompue : ${reason}`.slice(0, 2000),
  };
  const result = await scans
    .createQueryBuilder()
    .update()
    .set(failed)
    .where('id = :scanId AND status = :running AND "runToken" LIKE :job', {
      scanId,
      running: ScanStatus.Running,
      job: `${jobId}/%`,
    })
    .execute();
  if ((result.affected ?? 0) === 0) await scans.update({ id: scanId, status: ScanStatus.Queued }, failed);
  await retrySoon(dataSource.manager, scanId);
}

/** The assets of a failed scan come due again soon: a failure must not leave them unscanned for a week. */
export async function retrySoon(manager: EntityManager, scanId: string): Promise<void> {
  const rows: { subjectId: string }[] = await manager
    .createQueryBuilder(ScanTask, 't')
    .select('DISTINCT t.subjectId', 'subjectId')
    .where('t.scanId = :scanId', { scanId })
    .andWhere("t.subjectType = 'asset'")
    .getRawMany();
  if (rows.length === 0) return;
  const soon = new Date(Date.now() + FAILED_SCAN_RETRY_MS);
  await manager
    .createQueryBuilder()
    .update(Asset)
    .set({ nextScanAt: soon })
    .where('id IN (:...ids)', { ids: rows.map((r) => r.subjectId) })
    .andWhere('("nextScanAt" IS NULL OR "nextScanAt" > :soon)', { soon })
    .execute();
}
