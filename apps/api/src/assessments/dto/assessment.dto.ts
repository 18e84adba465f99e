import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ANSWER_STATUSES, type AnswerStatus, type AssessmentAnswer } from '@vigie/database';
import { ErrorResponseDto } from '../../common/error-response.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class StartAssessmentDto {
  @ApiPropertyOptional({ description: 'Plan version; the current one when omitted.', example: '2026.1' })
  @IsOptional()
  @Matches(/^\d{4}\.\d{1,3}$/, { message: 'planVersion must look like 2026.1' })
  planVersion?: string;

  @ApiPropertyOptional({
    enum: ['short', 'full'],
    description: 'Short questionnaire or full plan; chosen from the establishment profile when omitted.',
  })
  @IsOptional()
  @IsIn(['short', 'full'])
  mode?: 'short' | 'full';

  @ApiPropertyOptional({
    description: 'Start from the answers of the last submitted assessment.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  copyFromLatest?: boolean;
}

export class SaveAnswerDto {
  @ApiProperty({
    enum: ANSWER_STATUSES,
    description: '`level` (0-4), `dont_know` (scored as 0, shown apart) or `not_applicable` (with a reason).',
  })
  @IsIn(ANSWER_STATUSES)
  status!: AnswerStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 4, description: 'Required when status is `level`.' })
  @ValidateIf((o: SaveAnswerDto) => o.status === 'level' || o.level !== undefined)
  @IsInt()
  @Min(0)
  @Max(4)
  level?: number;

  @ApiPropertyOptional({ description: 'Required when status is `not_applicable`.' })
  @ValidateIf((o: SaveAnswerDto) => o.status === 'not_applicable' || o.reason !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'reason must say why the measure does not apply (3 characters or more)' })
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({
    minimum: 0,
    description:
      'The revision you last read (0 or omitted for a first answer). A different current revision answers 409 with the current answer.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedRevision?: number;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  measureId!: string;
  @ApiProperty()
  fileName!: string;
  @ApiProperty()
  contentType!: string;
  @ApiProperty()
  sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex.' })
  sha256!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class AnswerDto {
  @ApiProperty()
  measureId!: string;
  @ApiProperty({ enum: ANSWER_STATUSES })
  status!: AnswerStatus;
  @ApiProperty({ nullable: true, type: Number })
  level!: number | null;
  @ApiProperty({ nullable: true, type: String })
  reason!: string | null;
  @ApiProperty({ nullable: true, type: String })
  comment!: string | null;
  @ApiProperty({ description: 'Send it back as expectedRevision with the next save.' })
  revision!: number;
  @ApiProperty({ nullable: true, type: String })
  updatedById!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export const answerDto = (a: AssessmentAnswer): AnswerDto => ({
  measureId: a.measureId,
  status: a.status,
  level: a.level,
  reason: a.reason,
  comment: a.comment,
  revision: a.revision,
  updatedById: a.updatedById,
  updatedAt: a.updatedAt,
});

/** The 409 of a stale save: the answer as it stands now, to show the user before they save again. */
export class AnswerConflictDto extends ErrorResponseDto {
  @ApiProperty({
    type: AnswerDto,
    nullable: true,
    description: 'The current answer (null when the measure has no answer yet).',
  })
  current!: AnswerDto | null;
}

export class DomainProgressDto {
  @ApiProperty()
  domain!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ description: 'Measures this establishment must answer.' })
  applicable!: number;
  @ApiProperty()
  answered!: number;
  @ApiProperty({ description: '0-100.' })
  percent!: number;
}

export class AssessmentSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  establishmentId!: string;
  @ApiProperty()
  planVersion!: string;
  @ApiProperty({ enum: ['short', 'full'] })
  mode!: 'short' | 'full';
  @ApiProperty({ enum: ['draft', 'submitted'] })
  status!: 'draft' | 'submitted';
  @ApiProperty({ nullable: true, type: String })
  createdById!: string | null;
  @ApiProperty({ nullable: true, type: String })
  submittedById!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String })
  copiedFromId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class AssessmentDto extends AssessmentSummaryDto {
  @ApiProperty({
    type: [String],
    description: 'Measures this establishment answers, given its profile and the mode.',
  })
  applicableMeasureIds!: string[];
  @ApiProperty({ type: [AnswerDto] })
  answers!: AnswerDto[];
  @ApiProperty({ type: [EvidenceDto] })
  evidence!: EvidenceDto[];
  @ApiProperty({ type: [DomainProgressDto] })
  progress!: DomainProgressDto[];
}

export class UploadEvidenceDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'PDF, PNG, JPEG, Office/OpenDocument or text file.',
  })
  file!: unknown;
}
