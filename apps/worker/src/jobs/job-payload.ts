import type { LoggerService } from '@nestjs/common';
import {
  InvalidJobPayloadError,
  isJobName,
  type JobName,
  type JobOnQueue,
  type JobPayload,
  type JobResult,
  parseJobPayload,
  QUEUE_JOBS,
  type QueueName,
} from '@vigie/contracts';
import { type Job, UnrecoverableError } from 'bullmq';
import type { JobMetrics } from '../health/worker-metrics';

/**
 * The job's payload, validated against its contract. A job this processor does not handle, or a payload that
 * breaks its contract, fails at once: retrying would only delay the same failure.
 */
export type ParsedJob<N extends JobName> = { [K in N]: { name: K; payload: JobPayload<K> } }[N];

export function payloadOf<N extends JobName>(job: Job, accepted: readonly N[]): ParsedJob<N> {
  if (!isJobName(job.name) || !(accepted as readonly string[]).includes(job.name)) {
    throw new UnrecoverableError(`Job ${job.name} is not handled on queue ${job.queueName}`);
  }
  const name = job.name as N;
  try {
    return { name, payload: parseJobPayload(name, job.data) } as ParsedJob<N>;
  } catch (error) {
    if (error instanceof InvalidJobPayloadError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

/**
 * One handler per job the contracts route to queue Q: the compiler refuses a processor that misses one or handles
 * a job of another queue, and a test checks that every job has exactly one handler across the processors.
 */
export type JobHandlers<Q extends QueueName> = {
  [N in JobOnQueue<Q>]: (payload: JobPayload<N>, job: Job, lockToken?: string) => Promise<JobResult<N>>;
};

/** Validates a job of queue Q against its contract and hands it to its handler. */
export function dispatch<Q extends QueueName>(
  queue: Q,
  handlers: JobHandlers<Q>,
  job: Job,
  lockToken?: string,
): Promise<JobResult<JobOnQueue<Q>>> {
  const parsed = payloadOf(job, QUEUE_JOBS[queue]);
  // The compiler cannot pair a name with its payload through the union; payloadOf did.
  const handler = handlers[parsed.name] as (
    payload: unknown,
    job: Job,
    lockToken?: string,
  ) => Promise<JobResult<JobOnQueue<Q>>>;
  return handler(parsed.payload, job, lockToken);
}

/** Runs a job body and records its duration with its outcome. */
export async function timed<T>(metrics: JobMetrics, job: Job, body: () => Promise<T>): Promise<T> {
  const stop = metrics.duration.startTimer({ name: job.name });
  try {
    const result = await body();
    stop({ outcome: 'completed' });
    return result;
  } catch (error) {
    stop({ outcome: 'failed' });
    throw error;
  }
}

/** Counts a failed attempt and logs it with its reason; true when BullMQ will not retry it. */
export function recordFailure(
  metrics: JobMetrics,
  logger: LoggerService,
  job: Job | undefined,
  error: Error,
): boolean {
  if (!job) return false;
  const final =
    error instanceof UnrecoverableError ||
    error.name === 'UnrecoverableError' ||
    job.attemptsMade >= (job.opts.attempts ?? 1);
  metrics.failures.inc({ name: job.name, final: String(final) });
  logger.warn(
    { jobId: job.id, job: job.name, attemptsMade: job.attemptsMade, final, reason: error.message },
    'job failed',
  );
  return final;
}
