import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import {
  DEFAULT_JOB_OPTIONS,
  JOB_QUEUE,
  JobName,
  type JobPayload,
  parseJobPayload,
  QueueName,
} from '@vigie/contracts';
import type { Queue } from 'bullmq';

export interface EnqueuedJob {
  id: string;
  queue: QueueName;
  name: JobName;
}

/** The only way jobs are sent: the payload is validated against its contract before it reaches Redis. */
@Injectable()
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options: { jobId?: string; delay?: number } = {},
  ): Promise<EnqueuedJob> {
    const data = parseJobPayload(name, payload);
    const queueName = JOB_QUEUE[name];
    const job = await this.queue(queueName).add(name, { ...data }, { ...DEFAULT_JOB_OPTIONS[name], ...options });
    return { id: String(job.id), queue: queueName, name };
  }
}
