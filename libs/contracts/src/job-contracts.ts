import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { HousekeepingJob, type HousekeepingResult } from './housekeeping.job';
import {
  RescoreAllJob,
  type RescoreAllResult,
  ScoreAssessmentJob,
  type ScoreAssessmentResult,
} from './scoring.job';
import { RunScanJob, type RunScanResult, ScheduleScansJob, type ScheduleScansResult } from './scans.job';
import { JobName } from './queues';

export interface JobPayloads {
  [JobName.Housekeeping]: HousekeepingJob;
  [JobName.ScoreAssessment]: ScoreAssessmentJob;
  [JobName.RescoreAll]: RescoreAllJob;
  [JobName.RunScan]: RunScanJob;
  [JobName.ScheduleScans]: ScheduleScansJob;
}

export interface JobResults {
  [JobName.Housekeeping]: HousekeepingResult;
  [JobName.ScoreAssessment]: ScoreAssessmentResult;
  [JobName.RescoreAll]: RescoreAllResult;
  [JobName.RunScan]: RunScanResult;
  [JobName.ScheduleScans]: ScheduleScansResult;
}

export type JobPayload<N extends JobName> = JobPayloads[N];
export type JobResult<N extends JobName> = JobResults[N];

const PAYLOAD_CLASSES: { [N in JobName]: new () => JobPayloads[N] } = {
  [JobName.Housekeeping]: HousekeepingJob,
  [JobName.ScoreAssessment]: ScoreAssessmentJob,
  [JobName.RescoreAll]: RescoreAllJob,
  [JobName.RunScan]: RunScanJob,
  [JobName.ScheduleScans]: ScheduleScansJob,
};

/**
 * What a job works on, which decides who may follow it: a job on an assessment or a scan belongs to that
 * establishment's tenant; the others are platform-wide (administrators only).
 */
export type JobSubject = { kind: 'assessment'; id: string } | { kind: 'scan'; id: string } | null;

const JOB_SUBJECTS: { [N in JobName]: (payload: JobPayloads[N]) => JobSubject } = {
  [JobName.Housekeeping]: () => null,
  [JobName.ScoreAssessment]: (p) => ({ kind: 'assessment', id: p.assessmentId }),
  [JobName.RescoreAll]: () => null,
  [JobName.RunScan]: (p) => ({ kind: 'scan', id: p.scanId }),
  [JobName.ScheduleScans]: () => null,
};

export function jobSubject<N extends JobName>(name: N, payload: JobPayloads[N]): JobSubject {
  return JOB_SUBJECTS[name](payload);
}

export class InvalidJobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    readonly problems: string[],
  ) {
    super(`Invalid payload for job ${jobName}: ${problems.join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

function flatten(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const name = path ? `${path}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((c) => `${name}: ${c}`),
      ...flatten(e.children ?? [], name),
    ];
  });
}

export function isJobName(name: string): name is JobName {
  return (Object.values(JobName) as string[]).includes(name);
}

/** Validates a payload against its job's contract; unknown fields are refused. Used by producer and consumer. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayloads[N] {
  if (!isJobName(name)) throw new InvalidJobPayloadError(String(name), ['unknown job name']);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidJobPayloadError(name, ['payload must be an object']);
  }
  const instance = plainToInstance(PAYLOAD_CLASSES[name], data) as JobPayloads[N];
  const problems = flatten(
    validateSync(instance as object, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    }),
  );
  if (problems.length > 0) throw new InvalidJobPayloadError(name, problems);
  return instance;
}
