import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role, type User } from '@vigie/database';
import { PageQueryDto } from '../../common/pagination.dto';
import { PASSWORD_MIN_LENGTH } from '../../auth/passwords';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'rssi@ch-exemple.fr' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Camille Martin' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, format: 'password' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    description: 'Region of a regional analyst (required for that role only).',
    example: '11',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Establishments of a CISO (at least one for that role only).',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @IsUUID('4', { each: true })
  establishmentIds?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN_LENGTH,
    format: 'password',
    description: 'Sets a new password and ends every session.',
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({
    description: 'A disabled user cannot sign in and their sessions and API keys stop working.',
  })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'Region of an analyst.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a 2-digit INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the establishments of a CISO.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @IsUUID('4', { each: true })
  establishmentIds?: string[];
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the e-mail or name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  email!: string;
  @ApiProperty()
  displayName!: string;
  @ApiProperty({ enum: ROLES })
  role!: Role;
  @ApiProperty({ nullable: true, type: String })
  regionCode!: string | null;
  @ApiProperty({ type: [String] })
  establishmentIds!: string[];
  @ApiProperty()
  disabled!: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Set while the account is locked.',
  })
  lockedUntil!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastLoginAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      regionCode: user.regionCode,
      establishmentIds: (user.establishmentLinks ?? []).map((l) => l.establishmentId).sort(),
      disabled: user.disabled,
      lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil : null,
      lastLoginAt: user.lastLoginAt,
      createdAt: user.createdAt,
    };
  }
}
