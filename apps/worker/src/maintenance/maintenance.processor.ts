import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import {
  InvalidJobPayloadError,
  isJobName,
  JobName,
  type JobResult,
  parseJobPayload,
  QueueName,
} from '@vigie/contracts';
import { type Job, UnrecoverableError } from 'bullmq';
import { JOB_METRICS, type JobMetrics } from '../health/worker-metrics';
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

  async process(job: Job): Promise<JobResult<JobName>> {
    const stop = this.metrics.duration.startTimer({ name: job.name });
    try {
      const result = await this.dispatch(job);
      stop({ outcome: 'completed' });
      return result;
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    }
  }

  private async dispatch(job: Job): Promise<JobResult<JobName>> {
    if (!isJobName(job.name))
      throw new UnrecoverableError(`Unknown job name ${job.name} on queue ${QueueName.Maintenance}`);
    let payload;
    try {
      payload = parseJobPayload(job.name, job.data);
    } catch (error) {
      // A payload that breaks its contract will never pass: retrying it would only delay the failure.
      if (error instanceof InvalidJobPayloadError) throw new UnrecoverableError(error.message);
      throw error;
    }
    switch (job.name) {
      case JobName.Housekeeping:
        return this.housekeeping.run(payload);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error) {
    if (!job) return;
    const final =
      error instanceof UnrecoverableError ||
      error.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    this.metrics.failures.inc({ name: job.name, final: String(final) });
    this.logger.warn(
      { jobId: job.id, job: job.name, attemptsMade: job.attemptsMade, final, reason: error.message },
      'job failed',
    );
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job) {
    this.logger.log({ jobId: job.id, job: job.name, attemptsMade: job.attemptsMade }, 'job completed');
  }
}
