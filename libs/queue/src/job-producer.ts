import { Injectable, type OnModuleInit } from '@nestjs/common';
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

/** Redis did not answer in time: callers decide whether to fail (503) or to retry later. */
export class QueueUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'QueueUnavailableError';
  }
}

/** BullMQ waits for Redis forever; an HTTP request must not. */
export async function withQueueTimeout<T>(
  operation: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      operation,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new QueueUnavailableError(`Redis did not answer within ${timeoutMs} ms (${what})`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The only way jobs are sent: the payload is validated against its contract before it reaches Redis. */
@Injectable()
export class JobProducer implements OnModuleInit {
  private readonly queues = new Map<QueueName, Queue>();
  timeoutMs = 3000;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit() {
    for (const name of Object.values(QueueName)) this.queue(name);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // Redis errors are logged by LoggedQueue, which BullModule builds every queue with.
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
    const job = await withQueueTimeout(
      this.queue(queueName).add(name, { ...data }, { ...DEFAULT_JOB_OPTIONS[name], ...options }),
      this.timeoutMs,
      `adding ${name}`,
    );
    return { id: String(job.id), queue: queueName, name };
  }

  /** Many jobs of one kind, each validated, sent in batches of 500 (one Redis round trip each). */
  async enqueueMany<N extends JobName>(
    name: N,
    items: { payload: JobPayload<N>; jobId?: string }[],
  ): Promise<number> {
    const queueName = JOB_QUEUE[name];
    const jobs = items.map(({ payload, jobId }) => ({
      name,
      data: { ...parseJobPayload(name, payload) },
      opts: { ...DEFAULT_JOB_OPTIONS[name], ...(jobId ? { jobId } : {}) },
    }));
    for (let i = 0; i < jobs.length; i += 500) {
      await withQueueTimeout(
        this.queue(queueName).addBulk(jobs.slice(i, i + 500)),
        this.timeoutMs * 5,
        `adding ${name} in bulk`,
      );
    }
    return jobs.length;
  }
}
