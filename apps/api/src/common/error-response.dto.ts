import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '@vigie/common';

export class ErrorDetailDto {
  @ApiPropertyOptional({ description: 'The field at fault, as a dotted path.', example: 'email' })
  field?: string;
  @ApiProperty({ description: 'What is wrong with it.', example: 'email must be an email' })
  problem!: string;
}

/** The one shape of every error the API returns. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;
  @ApiProperty({
    enum: ErrorCode,
    enumName: 'ErrorCode',
    description: 'Stable machine code; clients show their own text by code (docs/errors.md).',
    example: ErrorCode.RequestInvalid,
  })
  code!: ErrorCode;
  @ApiProperty({ example: 'Bad Request' })
  error!: string;
  @ApiProperty({ example: 'Validation failed' })
  message!: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];
}
