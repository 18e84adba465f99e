import { Controller, Get, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobName, QueueName } from '@vigie/contracts';
import { JobProducer } from '@vigie/queue';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { EnqueuedJobDto, JobStatusDto } from './dto/job.dto';
import { jobStatusUrl, JobsService } from './jobs.service';

/** Background jobs: administrators start platform jobs; everyone follows the jobs of their own tenant. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly producer: JobProducer,
    private readonly jobs: JobsService,
  ) {}

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
    return { ...job, statusUrl: jobStatusUrl(job.queue, job.id) };
  }

  @Get(':queue/:id')
  @Can('read', 'job')
  @ApiOperation({
    summary: 'State, result or failure reason of a job',
    description:
      'Administrators follow every job; analysts and CISOs the jobs on an assessment or a scan of their establishments (a rescore, a scan run). Any other job answers 404 `job.not_found`.',
  })
  @ApiOkResponse({ type: JobStatusDto })
  status(
    @CurrentPrincipal() principal: Principal,
    // Typed string, not QueueName: the validation pipe would otherwise treat the enum as a class to validate.
    @Param('queue', new ParseEnumPipe(QueueName)) queue: string,
    @Param('id') id: string,
  ): Promise<JobStatusDto> {
    return this.jobs.status(principal, queue as QueueName, id);
  }
}
