import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { jobIds, JobName } from '@vigie/contracts';
import {
  Assessment,
  AssessmentAnswer,
  Establishment,
  EvidenceFile,
  ONE_DRAFT_PER_ESTABLISHMENT,
  violatesUniqueIndex,
} from '@vigie/database';
import { applicableMeasures, defaultMode, type SecurityPlan } from '@vigie/security-plan';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import type { PageQueryDto } from '../common/pagination.dto';
import { whereEstablishmentInScope } from '../common/authz/tenant-scope';
import { EstablishmentsService } from '../establishments/establishments.service';
import { OutboxService } from '../outbox/outbox.service';
import { PlanRegistry } from '../security-plans/plan-registry.service';
import { answerDto, type SaveAnswerDto, type StartAssessmentDto } from './dto/assessment.dto';

const submittedIsFrozen = () =>
  new DomainError(
    ErrorCode.AssessmentFrozen,
    'This assessment is submitted: its answers never change. Start a new assessment (it can copy this one).',
  );

@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly establishments: EstablishmentsService,
    private readonly plans: PlanRegistry,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The assessment if its establishment is in the caller's scope; 404 otherwise. */
  async get(
    principal: Principal,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Assessment & { establishment: Establishment }> {
    const qb = manager
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.establishment', 'e')
      .where('a.id = :id', { id });
    const assessment = await whereEstablishmentInScope(qb, 'e', principal).getOne();
    if (!assessment) throw notFound('Assessment', id, ErrorCode.AssessmentNotFound);
    return assessment as Assessment & { establishment: Establishment };
  }

  async planOf(assessment: Assessment): Promise<SecurityPlan> {
    return (await this.plans.get(assessment.planVersion)).plan;
  }

  applicableIds(plan: SecurityPlan, assessment: Assessment): string[] {
    return applicableMeasures(plan, {
      category: assessment.profileCategory,
      bedCount: assessment.profileBedCount,
      mode: assessment.mode,
    }).map((m) => m.id);
  }

  details(assessmentId: string) {
    return Promise.all([
      this.dataSource
        .getRepository(AssessmentAnswer)
        .find({ where: { assessmentId }, order: { measureId: 'ASC' } }),
      this.dataSource
        .getRepository(EvidenceFile)
        .find({ where: { assessmentId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
  }

  async list(principal: Principal, establishmentId: string, query: PageQueryDto) {
    await this.establishments.get(principal, establishmentId);
    return this.dataSource.getRepository(Assessment).findAndCount({
      where: { establishmentId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
  }

  async start(principal: Principal, establishmentId: string, body: StartAssessmentDto): Promise<Assessment> {
    const establishment = await this.establishments.get(principal, establishmentId);
    const version = body.planVersion ?? (await this.plans.currentVersion());
    if (!version)
      throw new DomainError(ErrorCode.SecurityPlanNonePublished, 'No security plan is published yet');
    const { row, plan } = await this.plans.get(version);
    if (row.status !== 'published')
      throw new DomainError(
        ErrorCode.SecurityPlanNotPublished,
        `Security plan ${version} is a draft: assessments use published versions`,
      );
    return this.dataSource.transaction(async (manager) => {
      const draft = await manager.findOneBy(Assessment, { establishmentId, status: 'draft' });
      if (draft)
        throw new DomainError(
          ErrorCode.AssessmentDraftExists,
          `A draft assessment is already open for this establishment: ${draft.id}`,
          [{ field: 'establishmentId', problem: `draft ${draft.id} exists` }],
        );
      const profile = { category: establishment.category, bedCount: establishment.bedCount };
      const previous = body.copyFromLatest
        ? await manager.findOne(Assessment, {
            where: { establishmentId, status: 'submitted' },
            order: { submittedAt: 'DESC' },
          })
        : null;
      if (body.copyFromLatest && !previous)
        throw new DomainError(
          ErrorCode.AssessmentNothingToCopy,
          'There is no submitted assessment to copy for this establishment',
        );
      const assessment = manager.create(Assessment, {
        establishmentId,
        planVersion: version,
        mode: body.mode ?? previous?.mode ?? defaultMode(profile),
        profileCategory: profile.category,
        profileBedCount: profile.bedCount,
        status: 'draft',
        createdById: principal.kind === 'user' ? principal.id : null,
        submittedById: null,
        submittedAt: null,
        copiedFromId: previous?.id ?? null,
      });
      try {
        await manager.insert(Assessment, assessment);
      } catch (error) {
        // Lost a race with another start: the unique partial index keeps one draft per establishment. Any other
        // failure is not that conflict and must not be reported as one.
        if (violatesUniqueIndex(error, ONE_DRAFT_PER_ESTABLISHMENT))
          throw new DomainError(
            ErrorCode.AssessmentDraftExists,
            'A draft assessment was just opened for this establishment by someone else',
          );
        throw error;
      }
      if (previous) await this.copyAnswers(manager, previous, assessment, plan);
      await this.audit.record(
        {
          action: 'assessment.start',
          resourceType: 'assessment',
          resourceId: assessment.id,
          regionCode: establishment.regionCode,
          establishmentId,
          changes: {
            planVersion: { to: version },
            mode: { to: assessment.mode },
            ...(previous ? { copiedFromId: { to: previous.id } } : {}),
          },
        },
        manager,
      );
      return assessment;
    });
  }

  /** Answers and evidence of measures that still exist and apply; the evidence bytes are shared, not copied. */
  private async copyAnswers(manager: EntityManager, from: Assessment, to: Assessment, plan: SecurityPlan) {
    const applicable = new Set(this.applicableIds(plan, to));
    const answers = (await manager.findBy(AssessmentAnswer, { assessmentId: from.id })).filter((a) =>
      applicable.has(a.measureId),
    );
    if (answers.length > 0) {
      await manager.insert(
        AssessmentAnswer,
        answers.map(({ measureId, status, level, reason, comment, updatedById }) => ({
          assessmentId: to.id,
          measureId,
          status,
          level,
          reason,
          comment,
          updatedById,
          revision: 1,
        })),
      );
    }
    const files = (await manager.findBy(EvidenceFile, { assessmentId: from.id })).filter((f) =>
      applicable.has(f.measureId),
    );
    for (const file of files) {
      const { id: _id, createdAt: _createdAt, assessment: _a, uploadedBy: _u, ...rest } = file;
      await manager.save(manager.create(EvidenceFile, { ...rest, assessmentId: to.id }));
    }
  }

  /**
   * Saves one answer. The write only happens if the stored revision is still the one the caller read: of two
   * CISOs editing the same answer, the second gets 409 with the current answer instead of overwriting it.
   */
  async saveAnswer(
    principal: Principal,
    assessmentId: string,
    measureId: string,
    body: SaveAnswerDto,
  ): Promise<AssessmentAnswer> {
    return this.dataSource.transaction(async (manager) => {
      const assessment = await this.get(principal, assessmentId, manager);
      if (assessment.status !== 'draft') throw submittedIsFrozen();
      const plan = await this.planOf(assessment);
      if (!plan.measures.some((m) => m.id === measureId))
        throw notFound(`Measure of plan ${plan.version}`, measureId, ErrorCode.MeasureNotFound);
      if (!this.applicableIds(plan, assessment).includes(measureId)) {
        throw new DomainError(
          ErrorCode.MeasureNotApplicable,
          `Measure ${measureId} does not apply to this establishment in ${assessment.mode} mode`,
        );
      }
      const values = {
        status: body.status,
        level: body.status === 'level' ? body.level! : null,
        reason: body.status === 'not_applicable' ? body.reason! : null,
        comment: body.comment ?? null,
        updatedById: principal.kind === 'user' ? principal.id : null,
      };
      const current = await manager.findOneBy(AssessmentAnswer, { assessmentId, measureId });
      const expected = body.expectedRevision ?? 0;
      if ((current?.revision ?? 0) !== expected) throw this.revisionConflict(current, expected);
      if (current) {
        const result = await manager.update(
          AssessmentAnswer,
          { assessmentId, measureId, revision: expected },
          { ...values, revision: expected + 1 },
        );
        if ((result.affected ?? 0) !== 1)
          throw this.revisionConflict(
            await manager.findOneBy(AssessmentAnswer, { assessmentId, measureId }),
            expected,
          );
      } else {
        await manager.insert(AssessmentAnswer, { assessmentId, measureId, ...values, revision: 1 });
      }
      await this.audit.record(
        {
          action: 'assessment.answer',
          resourceType: 'assessment',
          resourceId: assessmentId,
          regionCode: assessment.establishment.regionCode,
          establishmentId: assessment.establishmentId,
          changes: {
            [measureId]: {
              ...(current ? { from: { status: current.status, level: current.level } } : {}),
              to: { status: values.status, level: values.level },
            },
          },
        },
        manager,
      );
      return manager.findOneByOrFail(AssessmentAnswer, { assessmentId, measureId });
    });
  }

  private revisionConflict(current: AssessmentAnswer | null, expected: number) {
    const problem = current
      ? `the answer is at revision ${current.revision} (${current.status}${current.level !== null ? ` ${current.level}` : ''}), you sent expectedRevision ${expected}`
      : `there is no answer yet, you sent expectedRevision ${expected}`;
    return new DomainError(
      ErrorCode.AnswerRevisionConflict,
      `Someone else changed this answer: reload it and save again (${problem})`,
      [{ field: 'expectedRevision', problem }],
      undefined,
      { current: current ? answerDto(current) : null },
    );
  }

  /** Freezes a complete assessment and queues its scoring through the outbox, so Redis being down loses nothing. */
  async submit(principal: Principal, assessmentId: string): Promise<Assessment> {
    const submitted = await this.dataSource.transaction(async (manager) => {
      const assessment = await this.get(principal, assessmentId, manager);
      if (assessment.status !== 'draft') throw submittedIsFrozen();
      const plan = await this.planOf(assessment);
      const answered = new Set(
        (await manager.find(AssessmentAnswer, { where: { assessmentId }, select: { measureId: true } })).map(
          (a) => a.measureId,
        ),
      );
      const missing = this.applicableIds(plan, assessment).filter((id) => !answered.has(id));
      if (missing.length > 0) {
        throw new DomainError(
          ErrorCode.AssessmentIncomplete,
          `${missing.length} applicable measure(s) are not answered yet: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? '...' : ''}`,
          missing.map((id) => ({
            field: `answers.${id}`,
            problem: 'not answered (a level, "dont_know" or "not_applicable" with a reason)',
          })),
        );
      }
      const now = new Date();
      const result = await manager.update(
        Assessment,
        { id: assessmentId, status: 'draft' },
        {
          status: 'submitted',
          submittedAt: now,
          submittedById: principal.kind === 'user' ? principal.id : null,
        },
      );
      if ((result.affected ?? 0) !== 1) throw submittedIsFrozen();
      await this.outbox.add(
        manager,
        JobName.ScoreAssessment,
        {
          version: 1,
          assessmentId,
          trigger: 'submit',
          ...(principal.kind === 'user' ? { requestedBy: principal.id } : {}),
        },
        jobIds.scoreOnSubmit(assessmentId),
      );
      await this.audit.record(
        {
          action: 'assessment.submit',
          resourceType: 'assessment',
          resourceId: assessmentId,
          regionCode: assessment.establishment.regionCode,
          establishmentId: assessment.establishmentId,
          changes: { status: { from: 'draft', to: 'submitted' } },
        },
        manager,
      );
      return manager.findOneByOrFail(Assessment, { id: assessmentId });
    });
    // Best effort: if Redis is down now, the outbox poller sends the job when it is back.
    await this.outbox.dispatchPending().catch(() => undefined);
    return submitted;
  }

  async remove(principal: Principal, assessmentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const assessment = await this.get(principal, assessmentId, manager);
      if (assessment.status !== 'draft') throw submittedIsFrozen();
      await manager.delete(Assessment, { id: assessmentId });
      await this.audit.record(
        {
          action: 'assessment.delete',
          resourceType: 'assessment',
          resourceId: assessmentId,
          regionCode: assessment.establishment.regionCode,
          establishmentId: assessment.establishmentId,
        },
        manager,
      );
    });
  }
}
