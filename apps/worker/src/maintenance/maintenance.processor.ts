import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { type HousekeepingResult, JobName, QueueName } from '@vigie/contracts';
import type { Job } from 'bullmq';
import { JOB_METRICS, type JobMetrics } from '../health/worker-metrics';
import { payloadOf, recordFailure, timed } from '../jobs/job-payload';
import { HousekeepingService } from './housekeeping.service';

/** Thin: validates the payload against its contract, then hands it to the service that does the work. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
    private readonly housekeeping: HousekeepingService,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  process(job: Job): Promise<HousekeepingResult> {
    return timed(this.metrics, job, () =>
      this.housekeeping.run(payloadOf(job, [JobName.Housekeeping]).payload),
    );
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error) {
    recordFailure(this.metrics, this.logger, job, error);
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job) {
    this.logger.log({ jobId: job.id, job: job.name, attemptsMade: job.attemptsMade }, 'job completed');
  }
}
