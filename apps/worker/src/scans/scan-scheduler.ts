import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { QueueName } from '@vigie/contracts';
import type { Queue } from 'bullmq';

/**
 * Keeps the global concurrency of the scans queue in Redis. It is idempotent, so every worker sets it at start
 * and the limit holds across all workers. The scheduler tick is one of the contracts' repeating jobs.
 */
@Injectable()
export class ScanScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScanScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Scans) private readonly scans: Queue,
  ) {}

  async onApplicationBootstrap() {
    await this.scans.setGlobalConcurrency(this.config.scan.globalConcurrency);
    this.logger.log(
      `Scans: every verified asset every ${this.config.scan.intervalDays} days, checked every ${this.config.scan.schedulerTickSeconds} s; ` +
        `${this.config.scan.globalConcurrency} scans at once in all, ${this.config.scan.maxPerEstablishment} per establishment`,
    );
  }
}
