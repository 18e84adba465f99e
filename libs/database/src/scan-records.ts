import { CHECKS_VERSION, planAssetTasks } from '@vigie/scan-checks';
import type { EntityManager } from 'typeorm';
import { Asset } from './entities/asset.entity';
import type { ConfigFile } from './entities/config-file.entity';
import { Scan, type ScanTrigger } from './entities/scan.entity';
import { ScanTask } from './entities/scan-task.entity';

export interface NewScan {
  establishmentId: string;
  trigger: ScanTrigger;
  requestedById: string | null;
  assets: Pick<Asset, 'id' | 'kind' | 'value'>[];
  configFiles: Pick<ConfigFile, 'id' | 'entry'>[];
}

/**
 * Records a queued scan and its tasks (check families × subjects) in the caller's transaction. The API (manual
 * scans) and the worker's scheduler both create scans this way; the job that runs it is sent afterwards.
 */
export async function recordScan(manager: EntityManager, input: NewScan): Promise<Scan> {
  const tasks: Partial<ScanTask>[] = [];
  for (const asset of input.assets)
    for (const planned of planAssetTasks(asset.kind, asset.value))
      tasks.push({ subjectId: asset.id, subjectType: 'asset', ...planned });
  for (const file of input.configFiles)
    tasks.push({ subjectId: file.id, subjectType: 'config_file', family: 'config', target: file.entry });
  const scan = manager.create(Scan, {
    establishmentId: input.establishmentId,
    status: 'queued',
    trigger: input.trigger,
    requestedById: input.requestedById,
    taskCount: tasks.length,
    tasksDone: 0,
    tasksFailed: 0,
    findingsNew: 0,
    findingsPersisting: 0,
    findingsResolved: 0,
    checksVersion: CHECKS_VERSION,
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
  const rows = tasks.map((task, position) =>
    manager.create(ScanTask, {
      ...task,
      scanId: scan.id,
      position,
      status: 'pending',
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

/**
 * Serialises what counts or changes the scans of one establishment (the in-flight limit, the findings of a
 * finishing scan) on PostgreSQL by locking its row. SQLite already runs one transaction at a time.
 */
export async function lockEstablishment(manager: EntityManager, establishmentId: string): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  await manager.query('SELECT id FROM establishment WHERE id = $1 FOR UPDATE', [establishmentId]);
}

/** Pause before the scheduler tries again the assets of a scan that failed, instead of a whole interval. */
export const FAILED_SCAN_RETRY_MS = 3_600_000;

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
