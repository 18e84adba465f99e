import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { LEGAL_STATUSES, type LegalEntity, type LegalStatus } from '@vigie/database';
import { PageQueryDto } from '../../common/pagination.dto';
import { IsFiness } from '../is-finess';

export class CreateLegalEntityDto {
  @ApiProperty({ description: 'FINESS EJ (juridique), 9 characters.', example: '750712184' })
  @IsFiness()
  finess!: string;

  @ApiProperty({ example: 'Assistance Publique - Hôpitaux de Paris' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: LEGAL_STATUSES })
  @IsIn(LEGAL_STATUSES)
  legalStatus!: LegalStatus;
}

export class UpdateLegalEntityDto extends PartialType(CreateLegalEntityDto) {}

export class LegalEntityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '11' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ enum: LEGAL_STATUSES })
  @IsOptional()
  @IsIn(LEGAL_STATUSES)
  legalStatus?: LegalStatus;

  @ApiPropertyOptional({ description: 'Exact FINESS EJ.' })
  @IsOptional()
  @Length(9, 9, { message: 'finess must be 9 characters' })
  finess?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class LegalEntityDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  finess!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: LEGAL_STATUSES })
  legalStatus!: LegalStatus;
  @ApiProperty({ description: 'Region of registration, from the FINESS.' })
  regionCode!: string;
  @ApiProperty()
  departementCode!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  static from(e: LegalEntity): LegalEntityDto {
    const { id, finess, name, legalStatus, regionCode, departementCode, createdAt, updatedAt } = e;
    return { id, finess, name, legalStatus, regionCode, departementCode, createdAt, updatedAt };
  }
}
