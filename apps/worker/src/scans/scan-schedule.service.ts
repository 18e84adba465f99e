import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { jobIds, JobName, QueueName, type ScheduleScansResult } from '@vigie/contracts';
import {
  admitScan,
  Asset,
  countRecovery,
  failLostScan,
  findStaleScans,
  isScanLimitReached,
  recordScan,
  SCAN_RECOVERY_ATTEMPTS,
  Scan,
  ScanStatus,
  timesLost,
} from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { CHECKS_VERSION, firstScheduledScan, planScanTasks } from '@vigie/scan-checks';
import { DataSource, In, IsNull, LessThanOrEqual, Not } from 'typeorm';

/** Assets taken per tick: far above 50,000 a week at the default tick, and a bounded amount of work per job. */
const ASSETS_PER_TICK = 5000;

/**
 * Each tick: takes back scans whose worker was lost, then creates one scan per establishment for its verified
 * assets that are due, within the per-establishment limit of scans in flight.
 */
@Injectable()
export class ScanScheduleService {
  private readonly logger = new Logger(ScanScheduleService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async tick(): Promise<ScheduleScansResult> {
    const recovered = await this.recoverStale();
    const now = new Date();
    await this.spreadNewlyVerified(now);
    const due = await this.dataSource.getRepository(Asset).find({
      select: { id: true, establishmentId: true, kind: true, value: true },
      where: { verifiedAt: Not(IsNull()), nextScanAt: LessThanOrEqual(now) },
      order: { nextScanAt: 'ASC' },
      take: ASSETS_PER_TICK,
    });
    const byEstablishment = new Map<string, Asset[]>();
    for (const asset of due)
      byEstablishment.set(asset.establishmentId, [
        ...(byEstablishment.get(asset.establishmentId) ?? []),
        asset,
      ]);

    let scansCreated = 0;
    let establishmentsAtLimit = 0;
    const created: Scan[] = [];
    for (const [establishmentId, assets] of byEstablishment) {
      // Counted under the establishment's lock: a manual scan or an overlapping tick may come at the same time.
      const scan = await this.dataSource.transaction(async (manager) => {
        try {
          await admitScan(manager, establishmentId, this.config.scan.maxPerEstablishment);
        } catch (error) {
          if (isScanLimitReached(error)) return null;
          throw error;
        }
        const stillDue = await manager.find(Asset, {
          select: { id: true, establishmentId: true, kind: true, value: true },
          where: {
            id: In(assets.map((a) => a.id)),
            verifiedAt: Not(IsNull()),
            nextScanAt: LessThanOrEqual(now),
          },
        });
        if (stillDue.length === 0) return null;
        const recorded = await recordScan(manager, {
          establishmentId,
          trigger: 'schedule',
          requestedById: null,
          tasks: planScanTasks(stillDue, []),
          checksVersion: CHECKS_VERSION,
        });
        // Pushed back by one interval at once, so the next tick does not take them again while the scan runs.
        await manager.update(
          Asset,
          { id: In(stillDue.map((a) => a.id)) },
          { nextScanAt: new Date(now.getTime() + this.config.scan.intervalDays * 86_400_000) },
        );
        return recorded;
      });
      if (!scan) {
        establishmentsAtLimit++;
        continue;
      }
      created.push(scan);
      scansCreated++;
    }
    await this.producer.enqueueMany(
      JobName.RunScan,
      created.map((scan) => ({
        payload: { version: 1 as const, scanId: scan.id },
        jobId: jobIds.scanRun(scan.id),
      })),
    );
    if (scansCreated > 0 || recovered.requeued > 0 || recovered.failed > 0)
      this.logger.log(
        { assetsDue: due.length, scansCreated, establishmentsAtLimit, ...recovered },
        'scan schedule tick',
      );
    return {
      assetsDue: due.length,
      scansCreated,
      establishmentsAtLimit,
      staleScansRequeued: recovered.requeued,
      staleScansFailed: recovered.failed,
    };
  }

  /** Assets verified before schedules existed, or by a path that did not set one, get their spread date. */
  private async spreadNewlyVerified(now: Date): Promise<void> {
    const repo = this.dataSource.getRepository(Asset);
    const unscheduled = await repo.find({
      select: { id: true, verifiedAt: true },
      where: { verifiedAt: Not(IsNull()), nextScanAt: IsNull() },
      take: ASSETS_PER_TICK,
    });
    for (const asset of unscheduled)
      await repo.update(
        { id: asset.id },
        { nextScanAt: firstScheduledScan(asset.id, asset.verifiedAt ?? now, this.config.scan.intervalDays) },
      );
  }

  /**
   * A scan whose worker stopped reporting goes back to the queue, where the next worker resumes it from its
   * unfinished tasks; after its attempts it fails with the reason, so no scan stays "running" forever.
   */
  async recoverStale(): Promise<{ requeued: number; failed: number }> {
    const stale = await findStaleScans(this.dataSource, this.config.scan.staleAfterSeconds);
    let requeued = 0;
    let failed = 0;
    for (const scan of stale) {
      if (scan.status === ScanStatus.Queued && (await this.hasLiveJob(scan))) continue;
      if (timesLost(scan) >= SCAN_RECOVERY_ATTEMPTS) {
        if (await failLostScan(this.dataSource, scan)) failed++;
        continue;
      }
      if (!(await countRecovery(this.dataSource, scan))) continue;
      await this.producer.enqueue(
        JobName.RunScan,
        { version: 1, scanId: scan.id },
        { jobId: jobIds.scanRun(scan.id, scan.recoveries + 1) },
      );
      requeued++;
    }
    return { requeued, failed };
  }

  /** A queued scan may simply be waiting behind others (global limit): it is stale only if no job carries it. */
  private async hasLiveJob(scan: Scan): Promise<boolean> {
    const queue = this.producer.queue(QueueName.Scans);
    for (const attempt of new Set([0, scan.recoveries])) {
      const job = await queue.getJob(jobIds.scanRun(scan.id, attempt));
      if (!job) continue;
      const state = await job.getState();
      if (
        state === 'waiting' ||
        state === 'active' ||
        state === 'delayed' ||
        state === 'prioritized' ||
        state === 'waiting-children'
      )
        return true;
    }
    return false;
  }
}
