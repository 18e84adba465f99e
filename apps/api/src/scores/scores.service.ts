import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@vigie/common';
import { jobIds, JobName, QueueName } from '@vigie/contracts';
import { Assessment, ScoreSnapshot } from '@vigie/database';
import { compareSnapshots, type ScoreSnapshotResult, type SnapshotComparison } from '@vigie/scoring';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import type { PageQueryDto } from '../common/pagination.dto';
import { EstablishmentsService } from '../establishments/establishments.service';
import { OutboxService } from '../outbox/outbox.service';

const SUMMARY_COLUMNS = {
  id: true,
  establishmentId: true,
  assessmentId: true,
  overall: true,
  tier: true,
  confidence: true,
  contradictionCount: true,
  planVersion: true,
  scoringVersion: true,
  inputHash: true,
  trigger: true,
  createdAt: true,
} as const;

const NEWEST_FIRST = { createdAt: 'DESC', id: 'ASC' } as const;

export interface RescoreRequested {
  assessmentId: string;
  queue: QueueName;
  jobId: string;
}

/** Score snapshots of an establishment (written by the worker), their comparison, and rescoring on request. */
@Injectable()
export class ScoresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly establishments: EstablishmentsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async history(
    principal: Principal,
    establishmentId: string,
    query: PageQueryDto,
  ): Promise<[ScoreSnapshot[], number]> {
    await this.establishments.get(principal, establishmentId);
    return this.dataSource.getRepository(ScoreSnapshot).findAndCount({
      where: { establishmentId },
      order: NEWEST_FIRST,
      take: query.limit,
      skip: query.offset,
      select: SUMMARY_COLUMNS,
    });
  }

  async latest(principal: Principal, establishmentId: string): Promise<ScoreSnapshot> {
    await this.establishments.get(principal, establishmentId);
    const snapshot = await this.dataSource
      .getRepository(ScoreSnapshot)
      .findOne({ where: { establishmentId }, order: NEWEST_FIRST });
    if (!snapshot) throw await this.noScoreYet(establishmentId);
    return snapshot;
  }

  async snapshot(principal: Principal, establishmentId: string, id: string): Promise<ScoreSnapshot> {
    await this.establishments.get(principal, establishmentId);
    const snapshot = await this.dataSource.getRepository(ScoreSnapshot).findOneBy({ id, establishmentId });
    if (!snapshot)
      throw new DomainError(
        ErrorCode.ScoreNotFound,
        `Score snapshot ${id} not found for establishment ${establishmentId}`,
      );
    return snapshot;
  }

  async compare(
    principal: Principal,
    establishmentId: string,
    from: string,
    to: string,
  ): Promise<SnapshotComparison> {
    const [older, newer] = await Promise.all([
      this.snapshot(principal, establishmentId, from),
      this.snapshot(principal, establishmentId, to),
    ]);
    return compareSnapshots(
      JSON.parse(older.result) as ScoreSnapshotResult,
      JSON.parse(newer.result) as ScoreSnapshotResult,
    );
  }

  /**
   * Queues a scoring of the latest submitted assessment (with the findings as they now stand), through the outbox
   * so Redis being down loses nothing. Its job result says whether anything changed.
   */
  async rescore(principal: Principal, establishmentId: string): Promise<RescoreRequested> {
    const establishment = await this.establishments.get(principal, establishmentId);
    const requested = await this.dataSource.transaction(async (manager) => {
      const latest = await manager.findOne(Assessment, {
        where: { establishmentId, status: 'submitted' },
        order: { submittedAt: 'DESC' },
      });
      if (!latest)
        throw new DomainError(
          ErrorCode.ScoreNothingSubmitted,
          `Establishment ${establishmentId} has no submitted assessment to score: submit one first`,
        );
      const jobId = jobIds.scoreOnRequest(latest.id, new Date());
      await this.outbox.add(
        manager,
        JobName.ScoreAssessment,
        {
          version: 1,
          assessmentId: latest.id,
          trigger: 'rescore',
          ...(principal.kind === 'user' ? { requestedBy: principal.id } : {}),
        },
        jobId,
      );
      await this.audit.record(
        {
          action: 'score.rescore',
          resourceType: 'assessment',
          resourceId: latest.id,
          regionCode: establishment.regionCode,
          establishmentId,
        },
        manager,
      );
      return { assessmentId: latest.id, queue: QueueName.Scoring, jobId };
    });
    // Best effort: if Redis is down now, the outbox poller sends the job when it is back.
    await this.outbox.dispatchPending().catch(() => undefined);
    return requested;
  }

  /** Says why there is no score yet: nothing submitted, or the first scoring is still on its way. */
  private async noScoreYet(establishmentId: string): Promise<DomainError> {
    const submitted = await this.dataSource
      .getRepository(Assessment)
      .existsBy({ establishmentId, status: 'submitted' });
    return new DomainError(
      ErrorCode.ScoreNoneYet,
      submitted
        ? `Establishment ${establishmentId} has no score yet: its submitted assessment is being scored, try again in a moment`
        : `Establishment ${establishmentId} has no score yet: no assessment has been submitted`,
    );
  }
}
