import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { DEFAULT_JOB_OPTIONS, JobName, parseJobPayload, QueueName } from '@vigie/contracts';
import type { Queue } from 'bullmq';

const SCHEDULER_ID = 'housekeeping';

/**
 * Keeps one housekeeping schedule in Redis. Upserting is idempotent, so every worker may do it at start and
 * the job still runs once per period, whatever the number of workers.
 */
@Injectable()
export class HousekeepingScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(HousekeepingScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap() {
    const pattern = this.config.worker.housekeepingCron;
    if (pattern === 'off') {
      await this.queue.removeJobScheduler(SCHEDULER_ID);
      this.logger.log('Housekeeping schedule disabled (HOUSEKEEPING_CRON=off)');
      return;
    }
    const { attempts, backoff, removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS[JobName.Housekeeping];
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { pattern, tz: 'UTC' },
      {
        name: JobName.Housekeeping,
        data: { ...parseJobPayload(JobName.Housekeeping, { version: 1, trigger: 'schedule' }) },
        opts: { attempts, backoff, removeOnComplete, removeOnFail },
      },
    );
    this.logger.log(`Housekeeping scheduled with cron "${pattern}" (UTC)`);
  }
}
