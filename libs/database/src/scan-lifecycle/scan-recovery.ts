import { type DataSource, LessThan } from 'typeorm';
import { Scan } from '../entities/scan.entity';
import { retrySoon } from './scan-runs';
import { ScanStatus } from './scan-states';

/** Times a scan is taken back after its worker or its job was lost before it is failed. */
export const SCAN_RECOVERY_ATTEMPTS = 3;

/** Running scans whose heartbeat is stale, and queued ones never started since then (their job may be lost). */
export function findStaleScans(
  dataSource: DataSource,
  staleAfterSeconds: number,
  limit = 500,
): Promise<Scan[]> {
  const staleBefore = new Date(Date.now() - staleAfterSeconds * 1000);
  return dataSource.getRepository(Scan).find({
    where: [
      { status: ScanStatus.Running, heartbeatAt: LessThan(staleBefore) },
      { status: ScanStatus.Queued, createdAt: LessThan(staleBefore) },
    ],
    take: limit,
  });
}

/** How many times this scan was lost: its runs when running, its lost jobs when it never started. */
export function timesLost(scan: Scan): number {
  return scan.status === ScanStatus.Running ? scan.attempts : scan.recoveries;
}

/**
 * Fails a scan lost too many times, with the reason, unless someone changed it meanwhile (false); its assets
 * come due again soon.
 */
export async function failLostScan(dataSource: DataSource, scan: Scan): Promise<boolean> {
  const result = await dataSource.getRepository(Scan).update(
    { id: scan.id, status: scan.status, recoveries: scan.recoveries },
    {
      status: ScanStatus.Failed,
      finishedAt: new Date(),
      runToken: null,
      error:
        scan.status === ScanStatus.Running
          ? `Analyse interrompue : le worker a cessé de répondre ${scan.attempts} fois.`
          : `Analyse jamais démarrée : sa tâche a été perdue ${scan.recoveries} fois par la file d’attente.`,
    },
  );
  await retrySoon(dataSource.manager, scan.id);
  return (result.affected ?? 0) === 1;
}

/**
 * Counts one more recovery before its job is queued again, so that two ticks never queue the same recovery
 * twice: false when another tick (or a run) got there first. The scan keeps its state; the new job claims it.
 */
export async function countRecovery(dataSource: DataSource, scan: Scan): Promise<boolean> {
  const result = await dataSource
    .getRepository(Scan)
    .update(
      { id: scan.id, status: scan.status, recoveries: scan.recoveries },
      { recoveries: scan.recoveries + 1 },
    );
  return (result.affected ?? 0) === 1;
}
