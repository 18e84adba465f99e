import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobName, QueueName } from '@vigie/contracts';

export class EnqueuedJobDto {
  @ApiProperty({ description: 'Job id within its queue.' })
  id!: string;
  @ApiProperty({ enum: QueueName })
  queue!: QueueName;
  @ApiProperty({ enum: JobName })
  name!: JobName;
  @ApiProperty({ description: 'Where to follow the job.', example: '/api/v1/jobs/maintenance/12' })
  statusUrl!: string;
}

export class JobStatusDto {
  @ApiProperty()
  id!: string;
  @ApiProperty({ enum: QueueName })
  queue!: QueueName;
  @ApiProperty({ example: 'maintenance.housekeeping' })
  name!: string;
  @ApiProperty({
    enum: [
      'waiting',
      'active',
      'delayed',
      'completed',
      'failed',
      'prioritized',
      'waiting-children',
      'unknown',
    ],
  })
  state!: string;
  @ApiProperty({ description: 'Attempts made so far.' })
  attemptsMade!: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The result of a completed job.',
  })
  result?: unknown;
  @ApiPropertyOptional({ description: 'Why the last attempt failed.' })
  failedReason?: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  finishedAt?: string;
}
