import { randomUUID } from 'node:crypto';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { JobName, type JobResult, QueueName } from '@vigie/contracts';
import type { Job } from 'bullmq';
import { JOB_METRICS, type JobMetrics } from '../health/worker-metrics';
import { dispatch, type JobHandlers, recordFailure, timed } from '../jobs/job-payload';
import { ScanRunService } from './scan-run.service';

/** Thin: validates the payload against its contract, then hands it to the service that does the work. */
@Processor(QueueName.Scans)
export class ScansProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScansProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
    private readonly runs: ScanRunService,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  readonly handlers: JobHandlers<QueueName.Scans> = {
    [JobName.RunScan]: (payload, job, lockToken) =>
      this.runs.run(payload, `${job.id}/${lockToken ?? randomUUID()}`, (percent) =>
        job.updateProgress(percent),
      ),
  };

  process(job: Job, lockToken?: string): Promise<JobResult<JobName.RunScan>> {
    return timed(this.metrics, job, () => dispatch(QueueName.Scans, this.handlers, job, lockToken));
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error) {
    const final = recordFailure(this.metrics, this.logger, job, error);
    if (final && job?.name === JobName.RunScan)
      await this.runs
        .markFailed((job.data as { scanId: string }).scanId, String(job.id), error.message)
        .catch((e: Error) => this.logger.error(`Scan ${job.id} could not be marked failed: ${e.message}`));
  }
}
