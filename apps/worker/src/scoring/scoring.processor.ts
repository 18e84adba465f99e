import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { JobName, type JobOnQueue, type JobResult, QueueName } from '@vigie/contracts';
import type { Job } from 'bullmq';
import { JOB_METRICS, type JobMetrics } from '../health/worker-metrics';
import { dispatch, type JobHandlers, recordFailure, timed } from '../jobs/job-payload';
import { ScoringService } from './scoring.service';

@Processor(QueueName.Scoring)
export class ScoringProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScoringProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
    private readonly scoring: ScoringService,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  readonly handlers: JobHandlers<QueueName.Scoring> = {
    [JobName.ScoreAssessment]: (payload) => this.scoring.scoreAssessment(payload),
    [JobName.RescoreAll]: (payload) => this.scoring.rescoreAll(payload),
  };

  process(job: Job): Promise<JobResult<JobOnQueue<QueueName.Scoring>>> {
    return timed(this.metrics, job, () => dispatch(QueueName.Scoring, this.handlers, job));
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error) {
    recordFailure(this.metrics, this.logger, job, error);
  }
}
