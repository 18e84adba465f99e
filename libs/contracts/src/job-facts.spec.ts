import { jobIds, JobName, jobSubject, parseJobPayload, QUEUE_JOBS, QueueName, REPEATING_JOBS } from './index';

describe('job facts', () => {
  // QUEUE_JOBS is derived from JOB_QUEUE; pinned here so that moving a job to another queue is a visible change.
  it('lists the jobs of each queue from the routes', () => {
    expect(QUEUE_JOBS).toEqual({
      [QueueName.Maintenance]: [JobName.Housekeeping, JobName.ScheduleScans],
      [QueueName.Scoring]: [JobName.ScoreAssessment, JobName.RescoreAll],
      [QueueName.Scans]: [JobName.RunScan],
    });
  });

  // Ids are stored in Redis and in the outbox: a format that changes would queue the same work twice.
  it('keeps the released job id formats', () => {
    const a = '0b6c7c1e-1c3f-4a55-9d76-2f5a3e3b9a10';
    const s = '7d0f4a3e-8f1b-4c2a-b5d6-1e2f3a4b5c6d';
    expect(jobIds.scoreOnSubmit(a)).toBe(`score-${a}-submit`);
    expect(jobIds.scoreOnRequest(a, new Date(1764763200000))).toBe(`score-${a}-rescore-1764763200000`);
    expect(jobIds.scoreAfterScan(a, s)).toBe(`score-${a}-scan-${s}`);
    expect(jobIds.rescoreAllForPlan('2026.1')).toBe('rescore-all-plan-2026.1');
    expect(jobIds.rescoreAllForScoring('2026.3')).toBe('rescore-all-scoring-2026-3');
    expect(jobIds.scanRun(s)).toBe(`scan-${s}`);
    expect(jobIds.scanRun(s, 2)).toBe(`scan-${s}-recovery-2`);
  });

  it('schedules each repeating job once, with a valid payload, and turns each off by its setting', () => {
    expect(new Set(REPEATING_JOBS.map((j) => j.schedulerId)).size).toBe(REPEATING_JOBS.length);
    for (const job of REPEATING_JOBS) expect(() => parseJobPayload(job.name, job.payload)).not.toThrow();
    const on = { housekeepingCron: '17 3 * * *', scanTickSeconds: 300 };
    const off = { housekeepingCron: 'off', scanTickSeconds: 0 };
    expect(REPEATING_JOBS.map((j) => [j.schedulerId, j.repeat(on)])).toEqual([
      ['housekeeping', { pattern: '17 3 * * *', tz: 'UTC' }],
      ['scan-schedule', { every: 300000 }],
    ]);
    expect(REPEATING_JOBS.map((j) => j.repeat(off))).toEqual([null, null]);
  });

  it('names what a job works on, so the API can tell whose it is', () => {
    const id = '0b6c7c1e-1c3f-4a55-9d76-2f5a3e3b9a10';
    expect(jobSubject(JobName.ScoreAssessment, { version: 1, assessmentId: id, trigger: 'rescore' })).toEqual(
      { kind: 'assessment', id },
    );
    expect(jobSubject(JobName.RunScan, { version: 1, scanId: id })).toEqual({ kind: 'scan', id });
    expect(jobSubject(JobName.Housekeeping, { version: 1, trigger: 'manual' })).toBeNull();
    expect(jobSubject(JobName.RescoreAll, { version: 1, trigger: 'plan_published' })).toBeNull();
    expect(jobSubject(JobName.ScheduleScans, { version: 1, trigger: 'schedule' })).toBeNull();
  });
});
