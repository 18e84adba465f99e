import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@vigie/database';

export class LoginDto {
  @ApiProperty({ example: 'rssi@ch-exemple.fr' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last login or refresh; it works once.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}

export class TokensDto {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer`.' })
  accessToken!: string;
  @ApiProperty({ description: 'Opaque token for POST /auth/refresh; single use.' })
  refreshToken!: string;
  @ApiProperty({ description: 'Lifetime of the access token in seconds.', example: 900 })
  expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

export class MeDto {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind!: 'user' | 'api_key';
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ description: 'E-mail of the user or name of the API key.' })
  label!: string;
  @ApiPropertyOptional({ description: 'Display name (users only).' })
  displayName?: string;
  @ApiProperty({ enum: ROLES })
  role!: Role;
  @ApiProperty({ nullable: true, type: String, description: 'Region of an analyst.' })
  regionCode!: string | null;
  @ApiProperty({ type: [String], description: 'Establishments of a CISO.' })
  establishmentIds!: string[];
  @ApiProperty({ description: 'True for read-only API keys.' })
  readOnly!: boolean;
}
