import { Controller, Get, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, notFound } from '@vigie/common';
import { JobName, QueueName } from '@vigie/contracts';
import { JobProducer, withQueueTimeout } from '@vigie/queue';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { EnqueuedJobDto, JobStatusDto } from './dto/job.dto';

/** Operator actions on background jobs (admins). */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly producer: JobProducer) {}

  @Post('housekeeping')
  @Can('create', 'job')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run housekeeping now: purge expired sessions, expire API keys, lift lapsed locks',
  })
  @ApiAcceptedResponse({ type: EnqueuedJobDto })
  async housekeeping(@CurrentPrincipal() principal: Principal): Promise<EnqueuedJobDto> {
    const job = await this.producer.enqueue(JobName.Housekeeping, {
      version: 1,
      trigger: 'manual',
      requestedBy: principal.id,
    });
    return { ...job, statusUrl: `/api/v1/jobs/${job.queue}/${job.id}` };
  }

  @Get(':queue/:id')
  @Can('read', 'job')
  @ApiOperation({ summary: 'State, result or failure reason of a job' })
  @ApiOkResponse({ type: JobStatusDto })
  async status(
    // Typed string, not QueueName: the validation pipe would otherwise treat the enum as a class to validate.
    @Param('queue', new ParseEnumPipe(QueueName)) queueParam: string,
    @Param('id') id: string,
  ): Promise<JobStatusDto> {
    const queueName = queueParam as QueueName;
    const queue = this.producer.queue(queueName);
    // State first, then the job: a job read before it completes would show "completed" without its result.
    const state = await withQueueTimeout(
      queue.getJobState(id),
      this.producer.timeoutMs,
      'reading a job state',
    );
    const job =
      state === 'unknown'
        ? undefined
        : await withQueueTimeout(queue.getJob(id), this.producer.timeoutMs, 'reading a job');
    if (!job) throw notFound('Job', `${queueName}/${id}`, ErrorCode.JobNotFound);
    return {
      id: String(job.id),
      queue: queueName,
      name: job.name,
      state,
      attemptsMade: job.attemptsMade,
      ...(job.returnvalue !== undefined && job.returnvalue !== null ? { result: job.returnvalue } : {}),
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
      createdAt: new Date(job.timestamp).toISOString(),
      ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    };
  }
}
