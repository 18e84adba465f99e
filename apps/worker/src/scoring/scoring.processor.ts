import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { JobName, type JobResult, QueueName } from '@vigie/contracts';
import type { Job } from 'bullmq';
import { JOB_METRICS, type JobMetrics } from '../health/worker-metrics';
import { payloadOf, recordFailure, timed } from '../jobs/job-payload';
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

  process(job: Job): Promise<JobResult<JobName.ScoreAssessment | JobName.RescoreAll>> {
    return timed(this.metrics, job, async () => {
      const parsed = payloadOf(job, [JobName.ScoreAssessment, JobName.RescoreAll]);
      switch (parsed.name) {
        case JobName.ScoreAssessment:
          return this.scoring.scoreAssessment(parsed.payload);
        case JobName.RescoreAll:
          return this.scoring.rescoreAll(parsed.payload);
      }
    });
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error) {
    recordFailure(this.metrics, this.logger, job, error);
  }
}
