/**
 * Queue and job names are persisted in Redis with every job: never rename a value once released, add a new
 * one and drain the old instead.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Scoring = 'scoring',
  Scans = 'scans',
}

export enum JobName {
  Housekeeping = 'maintenance.housekeeping',
  ScoreAssessment = 'scoring.score-assessment',
  RescoreAll = 'scoring.rescore-all',
  RunScan = 'scans.run',
  ScheduleScans = 'scans.schedule',
}

/** Every job is routed to exactly one queue; the compiler refuses a job without a route. */
export const JOB_QUEUE = {
  [JobName.Housekeeping]: QueueName.Maintenance,
  [JobName.ScoreAssessment]: QueueName.Scoring,
  [JobName.RescoreAll]: QueueName.Scoring,
  [JobName.RunScan]: QueueName.Scans,
  // On the maintenance queue: the tick must not wait behind the scans it schedules, nor count against their limit.
  [JobName.ScheduleScans]: QueueName.Maintenance,
} as const satisfies Record<JobName, QueueName>;

/** The jobs routed to queue Q, as a type: a processor of Q handles exactly these. */
export type JobOnQueue<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never;
}[JobName];

function jobsRoutedTo<Q extends QueueName>(queue: Q): readonly JobOnQueue<Q>[] {
  return Object.values(JobName).filter((name) => JOB_QUEUE[name] === queue) as JobOnQueue<Q>[];
}

/** The jobs each queue accepts, derived from JOB_QUEUE: processors refuse any other name. */
export const QUEUE_JOBS: { readonly [Q in QueueName]: readonly JobOnQueue<Q>[] } = {
  [QueueName.Maintenance]: jobsRoutedTo(QueueName.Maintenance),
  [QueueName.Scoring]: jobsRoutedTo(QueueName.Scoring),
  [QueueName.Scans]: jobsRoutedTo(QueueName.Scans),
};

export interface JobOptionsContract {
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
  /** Completed jobs kept for inspection (count). */
  removeOnComplete: { count: number };
  /** Failed jobs kept with their reason (count). */
  removeOnFail: { count: number };
}

export const DEFAULT_JOB_OPTIONS: Record<JobName, JobOptionsContract> = {
  [JobName.Housekeeping]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 500 },
  },
  [JobName.ScoreAssessment]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 5000 },
  },
  [JobName.RescoreAll]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 500 },
  },
  [JobName.RunScan]: {
    // A scan resumes where it stopped: tasks already done are not run again.
    attempts: 3,
    backoff: { type: 'exponential', delay: 10000 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 5000 },
  },
  [JobName.ScheduleScans]: {
    attempts: 1,
    backoff: { type: 'fixed', delay: 1000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 500 },
  },
};
