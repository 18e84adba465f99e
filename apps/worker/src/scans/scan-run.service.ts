import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig, projectRoot } from '@vigie/config';
import { loadRuleDirectory } from '@vigie/config-audit';
import type { RunScanJob, RunScanResult } from '@vigie/contracts';
import {
  Asset,
  beatScan,
  claimScan,
  completeScan,
  ConfigFile,
  failScanOfJob,
  isFinalScanStatus,
  lockEstablishment,
  moveTask,
  recordReachability,
  recordScanProgress,
  Scan,
  ScanTask,
  ScanStatus,
  ScanTaskStatus,
  unfinishedTasks,
} from '@vigie/database';
import { addressResolver, parseNetworks } from '@vigie/net-guard';
import {
  type CheckFinding,
  type FamilyContext,
  runCheck,
  runFamily,
  type ScanFamily,
} from '@vigie/scan-checks';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { ScanFindingsService } from './scan-findings.service';

const HEARTBEAT_MS = 10_000;
/** Check families of one scan running at once: enough to overlap waits, few enough to stay polite to a target. */
const TASKS_IN_PARALLEL = 4;

/**
 * Runs the tasks of one scan, resumably: tasks already finished are kept when a scan is taken back after its
 * worker was lost. The scan is claimed with a token; a worker that lost its claim stops writing.
 */
@Injectable()
export class ScanRunService {
  private readonly logger = new Logger(ScanRunService.name);
  private readonly context: Omit<FamilyContext, 'signal' | 'dkimSelectors' | 'config' | 'now'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly findings: ScanFindingsService,
  ) {
    this.context = {
      allowed: parseNetworks(config.scan.allowedNetworks).block,
      resolver: addressResolver(config.scan.dnsServers),
      dnsServers: config.scan.dnsServers,
      // Validated at start: a broken rule file stops the worker with every problem listed.
      configRules: loadRuleDirectory(join(projectRoot(), 'config', 'scan-rules')),
    };
  }

  /**
   * `runId` is `<job id>/<lock token>`: one processing of one job. Any other run (a retry, a recovery, a stalled
   * job that BullMQ handed out again while its first worker is still alive) waits for the heartbeat to go stale.
   */
  async run(
    job: RunScanJob,
    runId: string,
    reportProgress: (percent: number) => Promise<void>,
  ): Promise<RunScanResult> {
    const scans = this.dataSource.getRepository(Scan);
    const scan = await scans.findOneBy({ id: job.scanId });
    if (!scan) throw new UnrecoverableError(`Scan ${job.scanId} does not exist`);
    if (isFinalScanStatus(scan.status)) return this.summary(scan, false);

    const token = runId;
    if (!(await claimScan(this.dataSource, scan, token, this.config.scan.staleAfterSeconds))) {
      this.logger.log(`Scan ${scan.id} is running on another worker; this job leaves it there`);
      return { ...this.summary(scan, false), status: 'held_elsewhere' };
    }
    const heartbeat = setInterval(
      () =>
        void beatScan(this.dataSource, scan.id, token).catch((e: Error) =>
          this.logger.warn(`Heartbeat of scan ${scan.id}: ${e.message}`),
        ),
      HEARTBEAT_MS,
    );
    try {
      await this.runTasks(scan.id, token, reportProgress);
      return await this.finish(scan.id, scan.establishmentId, token);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async runTasks(scanId: string, token: string, reportProgress: (percent: number) => Promise<void>) {
    const pending = await unfinishedTasks(this.dataSource, scanId);
    const total = await this.dataSource.getRepository(ScanTask).countBy({ scanId });
    let done = total - pending.length;
    let next = 0;
    const lane = async () => {
      while (next < pending.length) {
        const task = pending[next++];
        if (!(await beatScan(this.dataSource, scanId, token)))
          throw new UnrecoverableError('the scan was taken back');
        await this.runTask(task);
        done++;
        await recordScanProgress(this.dataSource, scanId, token, done);
        await reportProgress(Math.round((done / Math.max(1, total)) * 100));
      }
    };
    await Promise.all(Array.from({ length: Math.min(TASKS_IN_PARALLEL, pending.length) }, lane));
  }

  private async runTask(task: ScanTask): Promise<void> {
    await moveTask(this.dataSource, task.id, ScanTaskStatus.Running);
    const subject = await this.subjectOf(task);
    if (!subject) {
      // Deleted (or no longer verified) since the scan was queued: it is not probed any more.
      await moveTask(this.dataSource, task.id, ScanTaskStatus.Failed, {
        error: 'Le sujet de cette vérification a été supprimé ou n’est plus vérifié.',
      });
      return;
    }
    const outcome = await runCheck(
      (signal) =>
        runFamily(task.family as ScanFamily, task.target, {
          ...this.context,
          ...subject,
          signal,
          now: new Date(),
          connectTimeoutMs: this.config.scan.connectTimeoutMs,
        }),
      { timeoutMs: this.config.scan.checkTimeoutMs, attempts: this.config.scan.checkAttempts },
    );
    const finished = { attempts: task.attempts + outcome.attempts, durationMs: outcome.durationMs };
    if (!outcome.ok) {
      this.logger.warn(
        { scanId: task.scanId, family: task.family, target: task.target, error: outcome.error },
        'scan check failed',
      );
      await moveTask(this.dataSource, task.id, ScanTaskStatus.Failed, {
        ...finished,
        error: outcome.error.slice(0, 2000),
      });
      return;
    }
    const result = outcome.value;
    const status = result.unreachable
      ? ScanTaskStatus.Unreachable
      : result.skipped
        ? ScanTaskStatus.Skipped
        : ScanTaskStatus.Completed;
    await moveTask(this.dataSource, task.id, status, {
      ...finished,
      error: result.unreachable ?? result.skipped ?? null,
      findingCount: result.findings.length,
      findings: JSON.stringify(result.findings satisfies CheckFinding[]),
      grade: result.grade ?? null,
      checkVersion: result.version,
      details: result.details === undefined ? null : JSON.stringify(result.details),
    });
  }

  private async subjectOf(task: ScanTask): Promise<Pick<FamilyContext, 'dkimSelectors' | 'config'> | null> {
    if (task.subjectType === 'config_file') {
      const file = await this.dataSource.getRepository(ConfigFile).findOneBy({ id: task.subjectId });
      if (!file) return null;
      return {
        config: {
          kind: file.kind,
          label: file.label,
          entry: file.entry,
          files: JSON.parse(file.files) as Record<string, string>,
        },
      };
    }
    const asset = await this.dataSource.getRepository(Asset).findOneBy({ id: task.subjectId });
    if (!asset || asset.verifiedAt === null) return null;
    return { dkimSelectors: asset.dkimSelectors.split(',').filter(Boolean) };
  }

  private async finish(scanId: string, establishmentId: string, token: string): Promise<RunScanResult> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      // One finishing scan per establishment at a time: two scans of one asset must not both open its findings.
      await lockEstablishment(manager, establishmentId);
      const scan = await manager.findOneByOrFail(Scan, { id: scanId });
      if (scan.runToken !== token) throw new UnrecoverableError('the scan was taken back');
      const tasks = await manager.find(ScanTask, { where: { scanId }, order: { position: 'ASC' } });
      const changes = await this.findings.apply(manager, scan, tasks);
      // Applied: the findings now live in the finding table and the scan's links to it.
      await manager.update(ScanTask, { scanId }, { findings: null });
      const finished = await completeScan(manager, scan, token, tasks, changes);
      if (!finished) throw new UnrecoverableError('the scan was taken back');
      const assetIds = [...new Set(tasks.filter((t) => t.subjectType === 'asset').map((t) => t.subjectId))];
      if (assetIds.length > 0) await this.findings.markScanned(manager, assetIds, finished.finishedAt!);
      await recordReachability(manager, tasks, finished.finishedAt!);
      return finished;
    });
    const scoringQueued = await this.findings.queueScoring(outcome);
    return this.summary(outcome, scoringQueued);
  }

  private summary(scan: Scan, scoringQueued: boolean): RunScanResult {
    return {
      status: scan.status === ScanStatus.Failed ? 'failed' : 'completed',
      tasks: scan.taskCount,
      tasksFailed: scan.tasksFailed,
      tasksUnreachable: scan.tasksUnreachable,
      findingsNew: scan.findingsNew,
      findingsPersisting: scan.findingsPersisting,
      findingsResolved: scan.findingsResolved,
      scoringQueued,
    };
  }

  /** The job gave up (attempts spent, or an unrecoverable error): the scan says so instead of staying "running". */
  markFailed(scanId: string, jobId: string, reason: string): Promise<void> {
    return failScanOfJob(this.dataSource, scanId, jobId, reason);
  }
}
