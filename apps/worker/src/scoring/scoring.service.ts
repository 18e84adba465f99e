import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  JobName,
  type RescoreAllJob,
  type RescoreAllResult,
  type ScoreAssessmentJob,
  type ScoreAssessmentResult,
} from '@vigie/contracts';
import {
  Assessment,
  AssessmentAnswer,
  EvidenceFile,
  Finding,
  ScoreSnapshot,
  SecurityPlanVersion,
} from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { type Answer, type ObservedFinding, scoreAssessment } from '@vigie/scoring';
import type { Level, SecurityPlan } from '@vigie/security-plan';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

@Injectable()
export class ScoringService {
  /** Published plans never change, so a parsed plan is kept for the life of the process. */
  private readonly plans = new Map<string, SecurityPlan>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async scoreAssessment(job: ScoreAssessmentJob): Promise<ScoreAssessmentResult> {
    const assessment = await this.dataSource.getRepository(Assessment).findOneBy({ id: job.assessmentId });
    if (!assessment) throw new UnrecoverableError(`Assessment ${job.assessmentId} does not exist`);
    if (assessment.status !== 'submitted')
      throw new UnrecoverableError(`Assessment ${job.assessmentId} is not submitted`);

    const [plan, rows, evidence] = await Promise.all([
      this.plan(assessment.planVersion),
      this.dataSource.getRepository(AssessmentAnswer).find({ where: { assessmentId: assessment.id } }),
      this.dataSource
        .getRepository(EvidenceFile)
        .createQueryBuilder('f')
        .select('DISTINCT f.measureId', 'measureId')
        .where('f.assessmentId = :id', { id: assessment.id })
        .getRawMany<{ measureId: string }>(),
    ]);
    const withEvidence = new Set(evidence.map((e) => e.measureId));
    const answers: Record<string, Answer> = {};
    for (const row of rows) {
      answers[row.measureId] =
        row.status === 'level'
          ? { status: 'level', level: row.level as Level, hasEvidence: withEvidence.has(row.measureId) }
          : row.status === 'dont_know'
            ? { status: 'dont_know' }
            : { status: 'not_applicable', reason: row.reason ?? '' };
    }
    const result = scoreAssessment({
      plan,
      profile: {
        category: assessment.profileCategory,
        bedCount: assessment.profileBedCount,
        mode: assessment.mode,
      },
      answers,
      findings: await this.openFindings(assessment.establishmentId),
    });

    const repo = this.dataSource.getRepository(ScoreSnapshot);
    const existing = await repo.findOneBy({ assessmentId: assessment.id, inputHash: result.inputHash });
    if (existing) return this.outcome(existing, false);
    const id = randomUUID();
    // A concurrent run of the same job may insert first: the unique index keeps one snapshot per input.
    await repo
      .createQueryBuilder()
      .insert()
      .into(ScoreSnapshot)
      .values({
        id,
        establishmentId: assessment.establishmentId,
        assessmentId: assessment.id,
        planVersion: plan.version,
        scoringVersion: result.scoringVersion,
        inputHash: result.inputHash,
        overall: result.overall,
        tier: result.tier.reached,
        confidence: result.confidence.score,
        contradictionCount: result.contradictions.length,
        trigger: job.trigger,
        result: JSON.stringify(result),
        // Set here, in milliseconds: SQLite's default timestamp has whole seconds, too coarse to order a history.
        createdAt: new Date(),
      })
      .orIgnore()
      .execute();
    const stored = await repo.findOneByOrFail({ assessmentId: assessment.id, inputHash: result.inputHash });
    return this.outcome(stored, stored.id === id);
  }

  /** Says whether the scoring changed anything: a snapshot found again that is still the latest changed nothing. */
  private async outcome(snapshot: ScoreSnapshot, created: boolean): Promise<ScoreAssessmentResult> {
    const latest = created
      ? null
      : await this.dataSource.getRepository(ScoreSnapshot).findOne({
          select: { id: true },
          where: { establishmentId: snapshot.establishmentId },
          order: { createdAt: 'DESC', id: 'ASC' },
        });
    return {
      snapshotId: snapshot.id,
      created,
      unchanged: latest?.id === snapshot.id,
      inputHash: snapshot.inputHash,
      overall: snapshot.overall,
      tier: snapshot.tier,
    };
  }

  /** Queues the latest submitted assessment of every establishment; identical inputs will find their snapshot. */
  async rescoreAll(job: RescoreAllJob): Promise<RescoreAllResult> {
    const latest = await this.dataSource
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where("a.status = 'submitted'")
      .andWhere(
        'a.submittedAt = (SELECT MAX(b."submittedAt") FROM assessment b WHERE b."establishmentId" = a."establishmentId" AND b.status = \'submitted\')',
      )
      .getRawMany<{ id: string }>();
    const enqueued = await this.producer.enqueueMany(
      JobName.ScoreAssessment,
      latest.map(({ id }) => ({
        payload: {
          version: 1 as const,
          assessmentId: id,
          trigger: job.trigger,
          ...(job.requestedBy ? { requestedBy: job.requestedBy } : {}),
        },
      })),
    );
    return { enqueued };
  }

  /** What the scans currently see on the establishment: its open findings, in a stable order for the input hash. */
  private async openFindings(establishmentId: string): Promise<ObservedFinding[]> {
    const rows = await this.dataSource.getRepository(Finding).find({
      select: { checkId: true, severity: true, title: true, target: true, fingerprint: true },
      where: { establishmentId, status: 'open' },
      order: { fingerprint: 'ASC' },
    });
    return rows.map((f) => ({
      checkId: f.checkId,
      severity: f.severity as ObservedFinding['severity'],
      title: f.title,
      target: f.target,
    }));
  }

  private async plan(version: string): Promise<SecurityPlan> {
    let plan = this.plans.get(version);
    if (!plan) {
      const row = await this.dataSource.getRepository(SecurityPlanVersion).findOneBy({ version });
      if (!row) throw new UnrecoverableError(`Security plan ${version} is not in the database`);
      plan = JSON.parse(row.content) as SecurityPlan;
      this.plans.set(version, plan);
    }
    return plan;
  }
}
