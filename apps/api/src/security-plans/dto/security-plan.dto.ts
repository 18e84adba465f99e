import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESTABLISHMENT_CATEGORIES } from '@vigie/common';
import { PRIORITIES } from '@vigie/security-plan';

export class PlanVersionSummaryDto {
  @ApiProperty({ example: '2026.1' })
  version!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ enum: ['draft', 'published'] })
  status!: 'draft' | 'published';
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  publishedAt!: Date | null;
  @ApiProperty({ description: 'The version new assessments use.' })
  current!: boolean;
  @ApiProperty({ enum: ['file', 'api'] })
  source!: 'file' | 'api';
  @ApiProperty({ description: 'SHA-256 of the canonical plan content.' })
  contentHash!: string;
}

export class PlanTierDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  tier!: number;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  description!: string;
}

export class PlanMappingsDto {
  @ApiProperty({ type: [Number], description: 'ANSSI hygiene guide measure numbers (1-42).' })
  anssiHygiene!: number[];
  @ApiProperty({ type: [String], description: 'NIST CSF 2.0 subcategories.' })
  nistCsf!: string[];
  @ApiProperty({
    type: [String],
    description: 'HHS HPH Cybersecurity Performance Goals (EG-nn essential, NG-nn enhanced).',
  })
  hhsCpg!: string[];
}

export class PlanApplicabilityDto {
  @ApiPropertyOptional({ enum: ESTABLISHMENT_CATEGORIES, isArray: true })
  categories?: string[];
  @ApiPropertyOptional()
  minBeds?: number;
}

export class PlanMeasureDto {
  @ApiProperty({ example: 'GOUV.01' })
  id!: string;
  @ApiProperty()
  domain!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ description: 'Why it matters.' })
  rationale!: string;
  @ApiProperty()
  question!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'What levels 0 to 4 mean for this measure.',
  })
  levels!: Record<string, string>;
  @ApiProperty({ enum: PRIORITIES })
  priority!: string;
  @ApiProperty({ minimum: 1, maximum: 5 })
  tier!: number;
  @ApiProperty({ minimum: 1, maximum: 5 })
  weight!: number;
  @ApiProperty({ description: 'A proof is expected at level 3 or more.' })
  evidenceExpected!: boolean;
  @ApiProperty({ description: 'Part of the short questionnaire.' })
  shortMode!: boolean;
  @ApiPropertyOptional({ type: PlanApplicabilityDto })
  applicability?: PlanApplicabilityDto;
  @ApiProperty({ type: PlanMappingsDto })
  mappings!: PlanMappingsDto;
  @ApiProperty({ type: [String], description: 'Scan checks that observe the measure.' })
  scanChecks!: string[];
}

export class PlanDomainDto {
  @ApiProperty({ example: 'GOUV' })
  id!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ minimum: 1, maximum: 5 })
  weight!: number;
  @ApiProperty({ type: [PlanMeasureDto] })
  measures!: PlanMeasureDto[];
}

export class PlanVersionDto extends PlanVersionSummaryDto {
  @ApiProperty()
  description!: string;
  @ApiProperty({ type: [PlanTierDto] })
  tiers!: PlanTierDto[];
  @ApiProperty({ type: [PlanDomainDto] })
  domains!: PlanDomainDto[];
}
