import { InvalidJobPayloadError, JOB_QUEUE, JobName, parseJobPayload, QueueName } from './index';

describe('job contracts', () => {
  it('routes every job to a queue', () => {
    for (const name of Object.values(JobName)) expect(Object.values(QueueName)).toContain(JOB_QUEUE[name]);
  });

  it('accepts a valid housekeeping payload', () => {
    expect(parseJobPayload(JobName.Housekeeping, { version: 1, trigger: 'manual' })).toMatchObject({
      version: 1,
      trigger: 'manual',
    });
  });

  it.each([
    [{ version: 2, trigger: 'manual' }, /version/],
    [{ version: 1, trigger: 'whenever' }, /trigger/],
    [{ version: 1, trigger: 'manual', requestedBy: 'me' }, /requestedBy/],
    [{ version: 1, trigger: 'manual', extra: true }, /extra/],
    [null, /must be an object/],
    [[1], /must be an object/],
  ])('refuses %j', (payload, problem) => {
    expect(() => parseJobPayload(JobName.Housekeeping, payload)).toThrow(InvalidJobPayloadError);
    expect(() => parseJobPayload(JobName.Housekeeping, payload)).toThrow(problem);
  });

  it('refuses an unknown job name', () => {
    expect(() => parseJobPayload('nope' as JobName, {})).toThrow(/unknown job name/);
  });
});
