import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@vigie/common';
import {
  InvalidJobPayloadError,
  isJobName,
  jobSubject,
  type JobSubject,
  parseJobPayload,
  type QueueName,
} from '@vigie/contracts';
import { Assessment, Establishment, Scan } from '@vigie/database';
import { JobProducer, withQueueTimeout } from '@vigie/queue';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/authz/principal';
import { whereEstablishmentInScope } from '../common/authz/tenant-scope';
import type { JobStatusDto } from './dto/job.dto';

export const jobStatusUrl = (queue: QueueName, id: string) =>
  `/api/v1/jobs/${queue}/${encodeURIComponent(id)}`;

/**
 * The state of a job, for whoever may follow it: administrators every job, others the jobs on an assessment or
 * a scan of an establishment in their scope. Any other job answers 404, exactly as one that does not exist.
 */
@Injectable()
export class JobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async status(principal: Principal, queueName: QueueName, id: string): Promise<JobStatusDto> {
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
    if (!job || !(await this.mayFollow(principal, job)))
      throw new DomainError(ErrorCode.JobNotFound, `Job ${queueName}/${id} not found`);
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

  private async mayFollow(principal: Principal, job: Job): Promise<boolean> {
    if (principal.role === 'national_admin') return true;
    const subject = this.subjectOf(job);
    if (!subject) return false;
    const establishmentId = await this.establishmentOf(subject);
    if (!establishmentId) return false;
    const establishments = this.dataSource
      .getRepository(Establishment)
      .createQueryBuilder('e')
      .where('e.id = :establishmentId', { establishmentId });
    return whereEstablishmentInScope(establishments, 'e', principal).getExists();
  }

  /** A job whose payload breaks its contract names nothing anyone but an administrator may follow. */
  private subjectOf(job: Job): JobSubject {
    if (!isJobName(job.name)) return null;
    try {
      return jobSubject(job.name, parseJobPayload(job.name, job.data));
    } catch (error) {
      if (error instanceof InvalidJobPayloadError) return null;
      throw error;
    }
  }

  private async establishmentOf(subject: NonNullable<JobSubject>): Promise<string | null> {
    const query = { select: { establishmentId: true }, where: { id: subject.id } };
    const row =
      subject.kind === 'assessment'
        ? await this.dataSource.getRepository(Assessment).findOne(query)
        : await this.dataSource.getRepository(Scan).findOne(query);
    return row?.establishmentId ?? null;
  }
}
