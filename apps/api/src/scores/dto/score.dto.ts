import { ApiProperty } from '@nestjs/swagger';
import { QueueName } from '@vigie/contracts';
import { IsUUID } from 'class-validator';

export class ScoreSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;
  @ApiProperty({ description: 'Overall score, 0-100.' })
  overall!: number;
  @ApiProperty({ description: 'Maturity tier reached, 0-5 (0: the tier-1 floor is not solid).' })
  tier!: number;
  @ApiProperty({ description: 'Share of high levels backed by evidence, 0-1.' })
  confidence!: number;
  @ApiProperty()
  contradictionCount!: number;
  @ApiProperty()
  planVersion!: string;
  @ApiProperty()
  scoringVersion!: string;
  @ApiProperty({ description: 'SHA-256 of the inputs: same inputs, same hash, same values.' })
  inputHash!: string;
  @ApiProperty({ enum: ['submit', 'rescore', 'plan_published', 'scoring_change', 'scan'] })
  trigger!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class ScoreSnapshotDto extends ScoreSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The full explanation: tier (with unmet measures of the next tier and unmet prerequisites), confidence, domains, every measure (declared and effective level, lost points), ranked actions with their gain, contradictions. See docs/scoring.md.',
  })
  explanation!: Record<string, unknown>;
}

export class CompareQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The older snapshot.' })
  @IsUUID()
  from!: string;
  @ApiProperty({ format: 'uuid', description: 'The newer snapshot.' })
  @IsUUID()
  to!: string;
}

export class RescoreAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'The assessment being scored: the latest submitted one.' })
  assessmentId!: string;
  @ApiProperty({ enum: QueueName })
  queue!: QueueName;
  @ApiProperty({ description: 'Id of the scoring job.' })
  jobId!: string;
  @ApiProperty({
    description:
      'Where to follow the job; its result has the snapshot id, and `unchanged: true` when the rescore changed nothing.',
    example: '/api/v1/jobs/scoring/score-0b6c7c1e-1c3f-4a55-9d76-2f5a3e3b9a10-rescore-1764763200000',
  })
  statusUrl!: string;
}

export class OverallMoveDto {
  @ApiProperty({ example: 57.14 })
  from!: number;
  @ApiProperty({ example: 62.5 })
  to!: number;
  @ApiProperty({ example: 5.36 })
  delta!: number;
}

export class TierMoveDto {
  @ApiProperty({ example: 1 })
  from!: number;
  @ApiProperty({ example: 2 })
  to!: number;
}

export class DomainMoveDto {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when the domain did not exist then.' })
  from!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  to!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  delta!: number | null;
}

export class MeasureMoveDto {
  @ApiProperty()
  measureId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  domain!: string;
  @ApiProperty({ type: Number, nullable: true })
  fromLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  toLevel!: number | null;
  @ApiProperty({ description: 'Overall points won (positive) or lost (negative) by this measure.' })
  pointsDelta!: number;
  @ApiProperty({ description: 'Why it moved, in French.' })
  why!: string;
}

export class ComparisonDto {
  @ApiProperty({ type: OverallMoveDto })
  overall!: OverallMoveDto;
  @ApiProperty({ type: TierMoveDto })
  tier!: TierMoveDto;
  @ApiProperty({ type: [DomainMoveDto], description: 'Per domain: from, to, delta.' })
  domains!: DomainMoveDto[];
  @ApiProperty({
    type: [MeasureMoveDto],
    description: 'Measures that moved: levels, points won or lost, and why (in French).',
  })
  measures!: MeasureMoveDto[];
  @ApiProperty()
  planChanged!: boolean;
  @ApiProperty()
  scoringChanged!: boolean;
}
