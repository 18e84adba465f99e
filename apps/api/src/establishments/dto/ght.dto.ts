import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Ght } from '@vigie/database';
import { PageQueryDto } from '../../common/pagination.dto';

export class CreateGhtDto {
  @ApiProperty({ example: 'GHT Paris Psychiatrie & Neurosciences' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '11' })
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode!: string;
}

export class UpdateGhtDto extends PartialType(CreateGhtDto) {}

export class GhtQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '11' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class GhtDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  regionCode!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  static from(g: Ght): GhtDto {
    return {
      id: g.id,
      name: g.name,
      regionCode: g.regionCode,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
    };
  }
}
