import { Equals, IsIn, IsOptional, IsUUID } from 'class-validator';

export const SCORING_TRIGGERS = ['submit', 'rescore', 'plan_published', 'scoring_change', 'scan'] as const;
export type ScoringTrigger = (typeof SCORING_TRIGGERS)[number];

/** Scores one submitted assessment with the latest findings of its establishment. */
export class ScoreAssessmentJob {
  @Equals(1)
  version!: 1;

  @IsUUID()
  assessmentId!: string;

  @IsIn(SCORING_TRIGGERS)
  trigger!: ScoringTrigger;

  @IsOptional()
  @IsUUID()
  requestedBy?: string;
}

export interface ScoreAssessmentResult {
  snapshotId: string;
  /** False when a snapshot of exactly these inputs already existed (nothing changed, or the job ran twice). */
  created: boolean;
  /**
   * True when the establishment's latest score already had exactly these inputs: the scoring changed nothing
   * (same answers, evidence, findings, plan and scoring rules), and `snapshotId` is that latest score.
   */
  unchanged: boolean;
  inputHash: string;
  overall: number;
  tier: number;
}

/** Queues a scoring of the latest submitted assessment of every establishment (after a plan or scoring change). */
export class RescoreAllJob {
  @Equals(1)
  version!: 1;

  @IsIn(SCORING_TRIGGERS)
  trigger!: ScoringTrigger;

  @IsOptional()
  @IsUUID()
  requestedBy?: string;
}

export interface RescoreAllResult {
  enqueued: number;
}
