import { CHECKS_VERSION, planAssetTasks } from '@vigie/scan-checks';
import type { EntityManager } from 'typeorm';
import type { Asset } from './entities/asset.entity';
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

/** The BullMQ job id of a scan's run; a recovery gets its own id, since BullMQ keeps finished jobs. */
export function scanJobId(scanId: string, attempt = 0): string {
  return attempt === 0 ? `scan-${scanId}` : `scan-${scanId}-recovery-${attempt}`;
}
