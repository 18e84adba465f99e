import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { DEFAULT_JOB_OPTIONS, JobName, parseJobPayload, QueueName } from '@vigie/contracts';
import type { Queue } from 'bullmq';

const SCHEDULER_ID = 'scan-schedule';

/**
 * Keeps the scan schedule tick and the global concurrency of the scans queue in Redis. Both are idempotent, so
 * every worker sets them at start and the limits hold across all workers.
 */
@Injectable()
export class ScanScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScanScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Scans) private readonly scans: Queue,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
  ) {}

  async onApplicationBootstrap() {
    await this.scans.setGlobalConcurrency(this.config.scan.globalConcurrency);
    const seconds = this.config.scan.schedulerTickSeconds;
    if (seconds === 0) {
      await this.maintenance.removeJobScheduler(SCHEDULER_ID);
      this.logger.log('Scheduled scans disabled (SCAN_SCHEDULER_TICK_SECONDS=0)');
      return;
    }
    const { attempts, backoff, removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS[JobName.ScheduleScans];
    await this.maintenance.upsertJobScheduler(
      SCHEDULER_ID,
      { every: seconds * 1000 },
      {
        name: JobName.ScheduleScans,
        data: { ...parseJobPayload(JobName.ScheduleScans, { version: 1, trigger: 'schedule' }) },
        opts: { attempts, backoff, removeOnComplete, removeOnFail },
      },
    );
    this.logger.log(
      `Scans: every verified asset every ${this.config.scan.intervalDays} days, checked every ${seconds} s; ` +
        `${this.config.scan.globalConcurrency} scans at once in all, ${this.config.scan.maxPerEstablishment} per establishment`,
    );
  }
}
