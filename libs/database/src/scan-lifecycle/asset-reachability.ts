import { type EntityManager, In } from 'typeorm';
import { Asset } from '../entities/asset.entity';
import type { ScanTask } from '../entities/scan-task.entity';
import { ScanTaskStatus } from './scan-states';

export const AssetReachability = {
  /** Never scanned by a family that connects to it. */
  Unknown: 'unknown',
  Reachable: 'reachable',
  Unreachable: 'unreachable',
} as const;
export type AssetReachability = (typeof AssetReachability)[keyof typeof AssetReachability];
export const ASSET_REACHABILITIES: readonly AssetReachability[] = Object.values(AssetReachability);

/** The families that connect to the asset's host; DNS asks resolvers and says nothing of the host itself. */
const HOST_FAMILIES = new Set(['ports', 'tls', 'http']);

/**
 * What a finished scan says of each asset's host: reached when one of its host families completed (a service
 * answered it), unreachable when none did and at least one found no service answering. Failed tasks, and tasks
 * skipped because their port was refused, say nothing: a refusal may come from a gateway in front of a host
 * that is down.
 */
export function reachabilityByAsset(tasks: ScanTask[]): Map<string, AssetReachability> {
  const verdicts = new Map<string, AssetReachability>();
  for (const task of tasks) {
    if (task.subjectType !== 'asset' || !HOST_FAMILIES.has(task.family)) continue;
    const before = verdicts.get(task.subjectId);
    if (task.status === ScanTaskStatus.Completed) verdicts.set(task.subjectId, AssetReachability.Reachable);
    else if (task.status === ScanTaskStatus.Unreachable && before !== AssetReachability.Reachable)
      verdicts.set(task.subjectId, AssetReachability.Unreachable);
  }
  return verdicts;
}

/**
 * Records on each asset whether the scan reached it: when last reached, and how many scans in a row found it
 * unreachable (alerts use it; one unreachable scan may be a passing outage).
 */
export async function recordReachability(manager: EntityManager, tasks: ScanTask[], at: Date): Promise<void> {
  const verdicts = reachabilityByAsset(tasks);
  const reached = [...verdicts].filter(([, v]) => v === AssetReachability.Reachable).map(([id]) => id);
  const unreached = [...verdicts].filter(([, v]) => v === AssetReachability.Unreachable).map(([id]) => id);
  if (reached.length > 0)
    await manager.update(
      Asset,
      { id: In(reached) },
      { reachability: AssetReachability.Reachable, lastReachedAt: at, unreachableScans: 0 },
    );
  if (unreached.length > 0)
    await manager
      .createQueryBuilder()
      .update(Asset)
      .set({ reachability: AssetReachability.Unreachable, unreachableScans: () => '"unreachableScans" + 1' })
      .where('id IN (:...ids)', { ids: unreached })
      .execute();
}
