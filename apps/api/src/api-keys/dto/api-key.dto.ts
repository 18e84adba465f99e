import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinDate,
  MinLength,
} from 'class-validator';
import { API_KEY_ACCESS, type ApiKey, type ApiKeyAccess } from '@vigie/database';
import { PageQueryDto } from '../../common/pagination.dto';
import { BooleanQuery } from '../../common/query-params';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Export SIEM du CH' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: API_KEY_ACCESS, default: 'read' })
  @IsOptional()
  @IsIn(API_KEY_ACCESS)
  access: ApiKeyAccess = 'read';

  @ApiPropertyOptional({ format: 'uuid', description: 'Scope the key to one establishment (CISOs must).' })
  @IsOptional()
  @IsUUID('4')
  establishmentId?: string;

  @ApiPropertyOptional({
    description: 'Scope the key to a region (analysts: their own; admins: any).',
    example: '11',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the key stops working.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'expiresAt must be an ISO 8601 date' })
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}

export class ApiKeyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Include revoked and expired keys.', default: false })
  @IsOptional()
  @BooleanQuery()
  includeInactive: boolean = false;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ description: 'Public part of the key, to recognise it.', example: 'vigie_k3x9a0b1c2d3' })
  prefix!: string;
  @ApiProperty({ enum: API_KEY_ACCESS })
  access!: ApiKeyAccess;
  @ApiProperty({ nullable: true, type: String })
  regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  establishmentId!: string | null;
  @ApiProperty({ format: 'uuid' })
  createdById!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  expiresAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  revokedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastUsedAt!: Date | null;

  static from(key: ApiKey): ApiKeyDto {
    const {
      id,
      name,
      access,
      regionCode,
      establishmentId,
      createdById,
      createdAt,
      expiresAt,
      revokedAt,
      lastUsedAt,
    } = key;
    return {
      id,
      name,
      prefix: `vigie_${key.prefix}`,
      access,
      regionCode,
      establishmentId,
      createdById,
      createdAt,
      expiresAt,
      revokedAt,
      lastUsedAt,
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown once: only its hash is stored.' })
  key!: string;
}
