import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ESTABLISHMENT_CATEGORIES,
  ESTABLISHMENT_CATEGORY_LABELS,
  type Establishment,
  type EstablishmentCategory,
} from '@vigie/database';
import { PageQueryDto } from '../../common/pagination.dto';
import { IsFiness } from '../is-finess';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateEstablishmentDto {
  @ApiProperty({
    description: 'FINESS ET (géographique), 9 characters; the region and département derive from it.',
    example: '750100125',
  })
  @IsFiness()
  finess!: string;

  @ApiProperty({ example: 'Hôpital de la Pitié-Salpêtrière' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ESTABLISHMENT_CATEGORIES })
  @IsIn(ESTABLISHMENT_CATEGORIES)
  category!: EstablishmentCategory;

  @ApiProperty({ format: 'uuid', description: 'The legal entity (FINESS EJ) running the establishment.' })
  @IsUUID()
  legalEntityId!: string;

  @ApiPropertyOptional({
    description: 'Optional: if given, must be the département of the FINESS number.',
    example: '75',
  })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, {
    message: 'departementCode must be a département code such as 75, 2A or 974',
  })
  departementCode?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'GHT of the establishment, in the same region.',
  })
  @IsOptional()
  @IsUUID()
  ghtId?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 20000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20000)
  bedCount?: number | null;
}

export class UpdateEstablishmentDto extends PartialType(CreateEstablishmentDto) {}

/** What a CISO may change on their own establishment; the rest is reference data kept by admins. */
export const CISO_EDITABLE_FIELDS = ['name', 'bedCount'] as const;

export class EstablishmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '11' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ example: '75' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, {
    message: 'departementCode must be a département code such as 75, 2A or 974',
  })
  departementCode?: string;

  @ApiPropertyOptional({ enum: ESTABLISHMENT_CATEGORIES })
  @IsOptional()
  @IsIn(ESTABLISHMENT_CATEGORIES)
  category?: EstablishmentCategory;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  legalEntityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ghtId?: string;

  @ApiPropertyOptional({ description: 'Exact FINESS ET.' })
  @IsOptional()
  @Length(9, 9, { message: 'finess must be 9 characters' })
  finess?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class EstablishmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '750100125' })
  finess!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: ESTABLISHMENT_CATEGORIES })
  category!: EstablishmentCategory;
  @ApiProperty({ description: 'French label of the category.', example: 'Centre hospitalier (CH)' })
  categoryLabel!: string;
  @ApiProperty({ format: 'uuid' })
  legalEntityId!: string;
  @ApiProperty({ example: '11' })
  regionCode!: string;
  @ApiProperty({ example: '75' })
  departementCode!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ghtId!: string | null;
  @ApiProperty({ nullable: true, type: Number })
  bedCount!: number | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  static from(e: Establishment): EstablishmentDto {
    return {
      id: e.id,
      finess: e.finess,
      name: e.name,
      category: e.category,
      categoryLabel: ESTABLISHMENT_CATEGORY_LABELS[e.category],
      legalEntityId: e.legalEntityId,
      regionCode: e.regionCode,
      departementCode: e.departementCode,
      ghtId: e.ghtId,
      bedCount: e.bedCount,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }
}
