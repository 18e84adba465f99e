import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  FINDING_CHANGES,
  FINDING_STATUSES,
  type FindingChange,
  SCAN_STATUSES,
  SCAN_TASK_STATUSES,
  SCAN_TRIGGERS,
} from '@vigie/database';
import { SCAN_FAMILIES, SEVERITIES } from '@vigie/scan-checks';
import { PageQueryDto } from '../../common/pagination.dto';

export class CreateScanDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Verified assets to scan. Without assetIds nor configFileIds: every verified asset.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  assetIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Uploaded configurations to audit.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  configFileIds?: string[];
}

export class ScanTaskDto {
  @ApiProperty({ enum: ['asset', 'config_file'] })
  subjectType!: string;
  @ApiProperty({ format: 'uuid' })
  subjectId!: string;
  @ApiProperty({ enum: SCAN_FAMILIES })
  family!: string;
  @ApiProperty({ description: 'host:port, origin, domain or file name' })
  target!: string;
  @ApiProperty({ enum: SCAN_TASK_STATUSES })
  status!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it failed, or why it had nothing to check.',
  })
  error!: string | null;
  @ApiProperty()
  attempts!: number;
  @ApiProperty({ nullable: true, type: Number })
  findingCount!: number | null;
  @ApiProperty({ nullable: true, type: Number })
  durationMs!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'TLS or HTTP grade.' })
  grade!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Version of the checks and grading, e.g. tls/1.0.0.',
  })
  checkVersion!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What the family measured (protocols, headers, SPF tree...).',
  })
  details!: unknown;
}

export class ScanProgressDto {
  @ApiProperty()
  tasks!: number;
  @ApiProperty()
  done!: number;
  @ApiProperty()
  failed!: number;
  @ApiProperty({
    description:
      'Finished tasks whose target answered nothing (host down, filtered, every port refused): their earlier findings stay open.',
  })
  unreachable!: number;
  @ApiProperty({ description: '0-100' })
  percent!: number;
}

export class ScanDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  establishmentId!: string;
  @ApiProperty({ enum: SCAN_STATUSES })
  status!: string;
  @ApiProperty({ enum: SCAN_TRIGGERS })
  trigger!: string;
  @ApiProperty({ type: ScanProgressDto })
  progress!: ScanProgressDto;
  @ApiProperty({
    type: 'object',
    properties: { new: { type: 'integer' }, persisting: { type: 'integer' }, resolved: { type: 'integer' } },
    required: ['new', 'persisting', 'resolved'],
    description: 'Findings by what this scan did to them.',
  })
  findings!: Record<FindingChange, number>;
  @ApiProperty()
  checksVersion!: string;
  @ApiProperty({ nullable: true, type: String })
  error!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  finishedAt!: Date | null;
  @ApiPropertyOptional({ type: [ScanTaskDto], description: 'Per-check results (one scan only).' })
  tasks?: ScanTaskDto[];
}

export class FindingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: [...FINDING_STATUSES, 'all'], default: 'open' })
  @IsOptional()
  @IsIn([...FINDING_STATUSES, 'all'])
  status: (typeof FINDING_STATUSES)[number] | 'all' = 'open';

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: string;

  @ApiPropertyOptional({ enum: SCAN_FAMILIES })
  @IsOptional()
  @IsIn(SCAN_FAMILIES)
  family?: string;

  @ApiPropertyOptional({ description: 'Check id or family prefix, e.g. tls.certificate or ports.rdp.' })
  @IsOptional()
  @Matches(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, { message: 'checkId must look like tls.certificate or ports.rdp' })
  checkId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Asset or configuration the finding is about.' })
  @IsOptional()
  @IsUUID('4')
  subjectId?: string;
}

export class ScanFindingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FINDING_CHANGES, description: 'What this scan did to the finding.' })
  @IsOptional()
  @IsIn(FINDING_CHANGES)
  change?: FindingChange;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: string;
}

export class FindingMeasureDto {
  @ApiProperty({ example: 'ACC-03' })
  id!: string;
  @ApiProperty({ description: 'In French.' })
  title!: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Level the latest scored assessment declares (null: no score yet, or not answered with a level).',
  })
  declaredLevel!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Level the latest score kept after capping by open findings (null: no score yet).',
  })
  effectiveLevel!: number | null;
}

export class FindingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  establishmentId!: string;
  @ApiProperty({ enum: ['asset', 'config_file'] })
  subjectType!: string;
  @ApiProperty({ format: 'uuid' })
  subjectId!: string;
  @ApiProperty({ enum: SCAN_FAMILIES })
  family!: string;
  @ApiProperty({ example: 'tls.protocol.legacy' })
  checkId!: string;
  @ApiProperty({ enum: SEVERITIES })
  severity!: string;
  @ApiProperty()
  target!: string;
  @ApiProperty({ description: 'In French.' })
  title!: string;
  @ApiProperty({ description: 'What was observed, in French.' })
  evidence!: string;
  @ApiProperty({ description: 'What to do, in French.' })
  remediation!: string;
  @ApiProperty({ enum: FINDING_STATUSES })
  status!: string;
  @ApiPropertyOptional({ enum: FINDING_CHANGES, description: 'In a scan listing: what this scan did to it.' })
  change?: FindingChange;
  @ApiProperty({ type: String, format: 'date-time' })
  firstSeenAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  lastSeenAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  resolvedAt!: Date | null;
  @ApiProperty({ format: 'uuid' })
  firstScanId!: string;
  @ApiProperty({ format: 'uuid' })
  lastScanId!: string;
  @ApiProperty({ description: 'Version of the check that last saw or resolved it.' })
  checkVersion!: string;
  @ApiProperty({
    type: [FindingMeasureDto],
    description:
      'The security-plan measures that observe this check, with their levels in the latest score of the establishment.',
  })
  measures!: FindingMeasureDto[];
}
