import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CONFIG_KINDS, type ConfigKind } from '@vigie/database';

export class UploadConfigFileDto {
  @ApiProperty({
    enum: CONFIG_KINDS,
    description:
      'sshd (OpenSSH sshd_config), nginx, apache (httpd.conf), secedit (Windows `secedit /export` INF)',
  })
  @IsIn(CONFIG_KINDS)
  kind!: ConfigKind;

  @ApiProperty({ example: 'Bastion SSH de la DMZ' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional({
    description: 'The main file among those sent (default: the first); the others are what it includes.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entry?: string;
}

/** The multipart form as documented: the fields above plus the files, which multer takes out of the body. */
export const UPLOAD_CONFIG_FORM = {
  type: 'object' as const,
  required: ['kind', 'label', 'files'],
  properties: {
    kind: { type: 'string' as const, enum: [...CONFIG_KINDS] },
    label: { type: 'string' as const, maxLength: 200 },
    entry: { type: 'string' as const, description: 'The main file among those sent (default: the first).' },
    files: {
      type: 'array' as const,
      items: { type: 'string' as const, format: 'binary' },
      description: 'One or more files.',
    },
  },
};

export class ConfigFileDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  establishmentId!: string;
  @ApiProperty({ enum: CONFIG_KINDS })
  kind!: ConfigKind;
  @ApiProperty()
  label!: string;
  @ApiProperty()
  entry!: string;
  @ApiProperty({ type: [String] })
  fileNames!: string[];
  @ApiProperty()
  sizeBytes!: number;
  @ApiProperty()
  sha256!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}
