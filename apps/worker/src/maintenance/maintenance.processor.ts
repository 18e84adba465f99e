import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { JobName, type JobOnQueue, type JobResult, QueueName } from '@vigie/contracts';
import type { Job } from 'bullmq';
import { JOB_METRICS, type JobMetrics } from '../health/worker-metrics';
import { dispatch, type JobHandlers, recordFailure, timed } from '../jobs/job-payload';
import { ScanScheduleService } from '../scans/scan-schedule.service';
import { HousekeepingService } from './housekeeping.service';

/** Thin: validates the payload against its contract, then hands it to the service that does the work. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
    private readonly housekeeping: HousekeepingService,
    private readonly scanSchedule: ScanScheduleService,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  readonly handlers: JobHandlers<QueueName.Maintenance> = {
    [JobName.Housekeeping]: (payload) => this.housekeeping.run(payload),
    [JobName.ScheduleScans]: () => this.scanSchedule.tick(),
  };

  process(job: Job): Promise<JobResult<JobOnQueue<QueueName.Maintenance>>> {
    return timed(this.metrics, job, () => dispatch(QueueName.Maintenance, this.handlers, job));
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
