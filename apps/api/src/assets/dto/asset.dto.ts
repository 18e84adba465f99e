import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const DKIM_SELECTOR = /^[a-z0-9](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9](?:[a-z0-9_-]{0,62}))*$/i;
import {
  ASSET_KINDS,
  ASSET_REACHABILITIES,
  type AssetKind,
  type AssetReachability,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from '@vigie/database';

export class CreateAssetDto {
  @ApiProperty({ enum: ASSET_KINDS })
  @IsIn(ASSET_KINDS)
  kind!: AssetKind;

  @ApiProperty({
    example: 'ch-exemple.fr',
    description: 'A domain, host name, IPv4 or IPv6 address, or http(s) URL.',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  value!: string;

  @ApiProperty({
    required: false,
    type: [String],
    example: ['selector1', 'google'],
    description: 'DKIM selectors used by the domain, checked by the DNS scan (domains only).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(DKIM_SELECTOR, {
    each: true,
    message: 'each DKIM selector must be a DNS label such as "selector1"',
  })
  dkimSelectors?: string[];
}

export class UpdateAssetDto {
  @ApiProperty({ type: [String], description: 'Replaces the DKIM selectors of the domain.' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(DKIM_SELECTOR, {
    each: true,
    message: 'each DKIM selector must be a DNS label such as "selector1"',
  })
  dkimSelectors!: string[];

  /** Refused with an explanation rather than as an unknown field; not part of the documented body. */
  @ApiHideProperty()
  @IsOptional()
  kind?: unknown;

  @ApiHideProperty()
  @IsOptional()
  value?: unknown;
}

export class VerifyAssetDto {
  @ApiProperty({
    enum: ['dns_txt', 'well_known'],
    description:
      'DNS TXT record `vigie-verification=<token>`, or the token at /.well-known/vigie-verification.txt.',
  })
  @IsIn(['dns_txt', 'well_known'])
  method!: 'dns_txt' | 'well_known';
}

export class VouchAssetDto {
  @ApiProperty({ description: 'Why the analyst vouches for this asset (kept in the audit log).' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(10, { message: 'reason must explain the vouching (10 characters or more)' })
  @MaxLength(1000)
  reason!: string;
}

export class AssetDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  establishmentId!: string;
  @ApiProperty({ enum: ASSET_KINDS })
  kind!: AssetKind;
  @ApiProperty()
  value!: string;
  @ApiProperty({
    description:
      'Publish it as a DNS TXT record `vigie-verification=<token>` or as the content of /.well-known/vigie-verification.txt.',
  })
  verificationToken!: string;
  @ApiProperty()
  verified!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  verifiedAt!: Date | null;
  @ApiProperty({ nullable: true, enum: VERIFICATION_METHODS })
  verificationMethod!: VerificationMethod | null;
  @ApiProperty({ type: [String] })
  dkimSelectors!: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastScannedAt!: Date | null;
  @ApiProperty({
    enum: ASSET_REACHABILITIES,
    description:
      'Whether the last scan that connected to its host got any answer (an RST counts); `unknown` before any.',
  })
  reachability!: AssetReachability;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastReachedAt!: Date | null;
  @ApiProperty({ description: 'Scans in a row that found its host unreachable; 0 once it answers.' })
  unreachableScans!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the scheduler scans it next (verified assets only).',
  })
  nextScanAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}
