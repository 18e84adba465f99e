import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jobIds, JobName } from '@vigie/contracts';
import { ScoreSnapshot } from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { SCORING_VERSION } from '@vigie/scoring';
import { DataSource } from 'typeorm';

/**
 * After a deployment that changes the scoring rules, every establishment is rescored once: the first worker to
 * start with the new SCORING_VERSION queues a rescore-all job, under an id the other workers share.
 */
@Injectable()
export class ScoringVersionWatch implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScoringVersionWatch.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap() {
    const outdated = await this.dataSource
      .getRepository(ScoreSnapshot)
      .createQueryBuilder('s')
      .where('s.scoringVersion <> :version', { version: SCORING_VERSION })
      // Only an establishment's latest snapshot matters: older assessments keep the scores of their time.
      .andWhere(
        's.createdAt = (SELECT MAX(t."createdAt") FROM score_snapshot t WHERE t."establishmentId" = s."establishmentId")',
      )
      .getExists();
    if (!outdated) return;
    await this.producer.enqueue(
      JobName.RescoreAll,
      { version: 1, trigger: 'scoring_change' },
      { jobId: jobIds.rescoreAllForScoring(SCORING_VERSION) },
    );
    this.logger.log(
      `Scores computed by an older scoring version exist: rescoring everything with ${SCORING_VERSION}`,
    );
  }
}
