import type { JobPayload } from './job-contracts';
import { JobName } from './queues';

/** The settings that decide when repeating jobs run (from the environment, read by the worker). */
export interface ScheduleSettings {
  /** HOUSEKEEPING_CRON: a cron pattern in UTC, or `off`. */
  housekeepingCron: string;
  /** SCAN_SCHEDULER_TICK_SECONDS: 0 turns scheduled scans off. */
  scanTickSeconds: number;
}

export type Repeat = { pattern: string; tz: 'UTC' } | { every: number };

export interface RepeatingJob<N extends JobName> {
  /** Id of the BullMQ job scheduler, stored in Redis: never rename one once released. */
  schedulerId: string;
  name: N;
  payload: JobPayload<N>;
  /** When it repeats, or null when the settings turn it off (its scheduler is then removed). */
  repeat(settings: ScheduleSettings): Repeat | null;
  /** The setting that turns it off, for the log. */
  setting: string;
}

type AnyRepeatingJob = { [N in JobName]: RepeatingJob<N> }[JobName];

/**
 * Every repeating job. One scheduler in the worker upserts them at start: upserting is idempotent, so each job
 * runs once per period whatever the number of workers.
 */
export const REPEATING_JOBS: readonly AnyRepeatingJob[] = [
  {
    schedulerId: 'housekeeping',
    name: JobName.Housekeeping,
    payload: { version: 1, trigger: 'schedule' },
    repeat: (s) => (s.housekeepingCron === 'off' ? null : { pattern: s.housekeepingCron, tz: 'UTC' }),
    setting: 'HOUSEKEEPING_CRON',
  },
  {
    schedulerId: 'scan-schedule',
    name: JobName.ScheduleScans,
    payload: { version: 1, trigger: 'schedule' },
    repeat: (s) => (s.scanTickSeconds === 0 ? null : { every: s.scanTickSeconds * 1000 }),
    setting: 'SCAN_SCHEDULER_TICK_SECONDS',
  },
];
