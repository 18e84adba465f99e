import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ACTOR_TYPES, type ActorType, type AuditChanges, type AuditEvent } from '@vigie/database';
import { PageQueryDto } from '../../common/pagination.dto';
import { DateQuery } from '../../common/query-params';

export class AuditEventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Exact action, e.g. `establishment.update`, or a prefix ending in `.*`.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, {
    message: 'action must look like "resource.verb" or "resource.*"',
  })
  action?: string;

  @ApiPropertyOptional({ example: 'establishment' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  resourceType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  resourceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: ACTOR_TYPES })
  @IsOptional()
  @IsIn(ACTOR_TYPES)
  actorType?: ActorType;

  @ApiPropertyOptional({ description: 'Region code (admins; analysts always see their own region only).' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  establishmentId?: string;

  @ApiPropertyOptional({
    description: 'Events at or after this instant (ISO 8601).',
    type: String,
    format: 'date-time',
  })
  @IsOptional()
  @DateQuery()
  from?: Date;

  @ApiPropertyOptional({
    description: 'Events before this instant (ISO 8601).',
    type: String,
    format: 'date-time',
  })
  @IsOptional()
  @DateQuery()
  to?: Date;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Sequence number; later events have larger ids.' })
  id!: number;
  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: Date;
  @ApiProperty({ enum: ACTOR_TYPES })
  actorType!: ActorType;
  @ApiProperty({ nullable: true, type: String })
  actorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E-mail or key name at the time of the event.' })
  actorLabel!: string | null;
  @ApiProperty({ example: 'establishment.update' })
  action!: string;
  @ApiProperty({ example: 'establishment' })
  resourceType!: string;
  @ApiProperty({ nullable: true, type: String })
  resourceId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String })
  establishmentId!: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'Changed fields: `{field: {from, to}}`. Secrets show as "[redacted]".',
  })
  changes!: AuditChanges | null;
  @ApiProperty({ nullable: true, type: String })
  requestId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;

  static from(event: AuditEvent): AuditEventDto {
    return { ...event };
  }
}
