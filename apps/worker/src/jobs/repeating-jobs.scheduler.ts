import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import {
  DEFAULT_JOB_OPTIONS,
  JOB_QUEUE,
  parseJobPayload,
  REPEATING_JOBS,
  type ScheduleSettings,
} from '@vigie/contracts';
import { JobProducer } from '@vigie/queue';

export function scheduleSettings(config: AppConfig): ScheduleSettings {
  return {
    housekeepingCron: config.worker.housekeepingCron,
    scanTickSeconds: config.scan.schedulerTickSeconds,
  };
}

/**
 * Keeps the schedulers of the contracts' repeating jobs in Redis. Upserting is idempotent, so every worker does
 * it at start and each job still runs once per period, whatever the number of workers; a job its setting turns
 * off has its scheduler removed.
 */
@Injectable()
export class RepeatingJobsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RepeatingJobsScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap() {
    const settings = scheduleSettings(this.config);
    for (const { schedulerId, name, payload, repeat, setting } of REPEATING_JOBS) {
      const queue = this.producer.queue(JOB_QUEUE[name]);
      const when = repeat(settings);
      if (!when) {
        await queue.removeJobScheduler(schedulerId);
        this.logger.log(`${name} is not scheduled (${setting} turns it off)`);
        continue;
      }
      const { attempts, backoff, removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS[name];
      await queue.upsertJobScheduler(schedulerId, when, {
        name,
        data: { ...parseJobPayload(name, payload) },
        opts: { attempts, backoff, removeOnComplete, removeOnFail },
      });
      this.logger.log(
        `${name} scheduled: ${'pattern' in when ? `cron "${when.pattern}" (UTC)` : `every ${when.every / 1000} s`}`,
      );
    }
  }
}
