import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Assessment, AssessmentAnswer, ScoreSnapshot } from '@vigie/database';
import { observes, type ScoreSnapshotResult } from '@vigie/scoring';
import type { PlanMeasure } from '@vigie/security-plan';
import type { DataSource } from 'typeorm';
import { PlanRegistry } from '../security-plans/plan-registry.service';
import type { FindingMeasureDto } from './dto/scan.dto';

/** For one establishment: the measures a check id bears on, with their levels in its latest score. */
export type MeasuresOf = (checkId: string) => FindingMeasureDto[];

interface Levels {
  planVersion: string | null;
  levels: Map<string, { declaredLevel: number | null; effectiveLevel: number | null }>;
}

/**
 * Names the security-plan measures a finding bears on. The plan and the levels are those of the establishment's
 * latest score (the plan it was scored with); before any score, the declared levels of its latest submitted
 * assessment (no effective level yet); before any, the current plan with no levels.
 */
@Injectable()
export class FindingMeasuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlanRegistry,
  ) {}

  async forEstablishment(establishmentId: string): Promise<MeasuresOf> {
    const { planVersion, levels } = await this.latestLevels(establishmentId);
    const version = planVersion ?? (await this.plans.currentVersion());
    if (!version) return () => [];
    const { plan } = await this.plans.get(version);
    const cache = new Map<string, FindingMeasureDto[]>();
    const describe = (measure: PlanMeasure): FindingMeasureDto => ({
      id: measure.id,
      title: measure.title,
      declaredLevel: levels.get(measure.id)?.declaredLevel ?? null,
      effectiveLevel: levels.get(measure.id)?.effectiveLevel ?? null,
    });
    return (checkId) => {
      let measures = cache.get(checkId);
      if (!measures) {
        measures = plan.measures.filter((m) => observes(m, checkId)).map(describe);
        cache.set(checkId, measures);
      }
      return measures;
    };
  }

  private async latestLevels(establishmentId: string): Promise<Levels> {
    const snapshot = await this.dataSource.getRepository(ScoreSnapshot).findOne({
      select: { id: true, planVersion: true, result: true },
      where: { establishmentId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    if (snapshot) {
      const { measures } = JSON.parse(snapshot.result) as ScoreSnapshotResult;
      return { planVersion: snapshot.planVersion, levels: new Map(measures.map((m) => [m.id, m])) };
    }
    const assessment = await this.dataSource.getRepository(Assessment).findOne({
      select: { id: true, planVersion: true },
      where: { establishmentId, status: 'submitted' },
      order: { submittedAt: 'DESC' },
    });
    if (!assessment) return { planVersion: null, levels: new Map() };
    const answers = await this.dataSource.getRepository(AssessmentAnswer).find({
      select: { measureId: true, level: true },
      where: { assessmentId: assessment.id },
    });
    return {
      planVersion: assessment.planVersion,
      levels: new Map(answers.map((a) => [a.measureId, { declaredLevel: a.level, effectiveLevel: null }])),
    };
  }
}
