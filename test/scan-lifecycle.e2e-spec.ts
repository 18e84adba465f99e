import { DomainError, ErrorCode } from '@vigie/common';
import {
  claimScan,
  completeScan,
  createScan,
  failScanOfJob,
  moveTask,
  recordScan,
  Scan,
  ScanTask,
} from '@vigie/database';
import { CHECKS_VERSION } from '@vigie/scan-checks';
import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApi } from './support/api-harness';
import { seedTenants, type Tenants } from './support/tenants';

/** The lifecycle's guards on a real database: what a late run, a late job failure or a second claim may not do. */
describe('scan lifecycle on the database', () => {
  let api: ApiHarness;
  let t: Tenants;
  const planned = () => ({
    trigger: 'manual' as const,
    requestedById: null,
    checksVersion: CHECKS_VERSION,
    tasks: [{ subjectType: 'asset' as const, subjectId: randomUUID(), family: 'ports', target: '127.0.0.1' }],
  });

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
  });
  afterAll(() => api.close());

  it('refuses a scan over the in-flight limit with scan.limit_reached', async () => {
    const establishmentId = t.b1.id;
    const create = () =>
      api.dataSource.transaction((manager) => createScan(manager, { ...planned(), establishmentId }, 2));
    await create();
    await create();
    const refused = await create().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      code: ErrorCode.ScanLimitReached,
      message: expect.stringMatching(/already has 2 scans queued or running \(at most 2\)/),
    });
    expect((refused as DomainError).status).toBe(409);
  });

  it('lets one run hold a scan, and writes nothing for a run that lost it or once it is final', async () => {
    const scan = await api.dataSource.transaction((manager) =>
      recordScan(manager, { ...planned(), establishmentId: t.a2.id }),
    );
    const repo = api.dataSource.getRepository(Scan);
    expect(await claimScan(api.dataSource, scan, 'job-1/lock-a', 300)).toBe(true);
    // A second run while the first one beats: refused.
    expect(
      await claimScan(api.dataSource, await repo.findOneByOrFail({ id: scan.id }), 'job-1/lock-b', 300),
    ).toBe(false);
    const [task] = await api.dataSource.getRepository(ScanTask).findBy({ scanId: scan.id });
    expect(await moveTask(api.dataSource, task.id, 'completed')).toBe(false);
    expect(await moveTask(api.dataSource, task.id, 'running')).toBe(true);
    expect(await moveTask(api.dataSource, task.id, 'unreachable', { error: 'silencieux' })).toBe(true);
    expect(await moveTask(api.dataSource, task.id, 'running')).toBe(false);
    const tasks = await api.dataSource.getRepository(ScanTask).findBy({ scanId: scan.id });

    const held = await repo.findOneByOrFail({ id: scan.id });
    const counts = { new: 0, persisting: 0, resolved: 0 };
    expect(
      await api.dataSource.transaction((m) => completeScan(m, held, 'job-1/lock-b', tasks, counts)),
    ).toBeNull();
    const done = await api.dataSource.transaction((m) =>
      completeScan(m, held, 'job-1/lock-a', tasks, counts),
    );
    expect(done).toMatchObject({ status: 'completed', tasksDone: 1, tasksFailed: 0 });

    // Final: a late job failure, a stale claim or a second completion change nothing.
    await failScanOfJob(api.dataSource, scan.id, 'job-1', 'trop tard');
    expect(await claimScan(api.dataSource, done!, 'job-2/lock-c', 0)).toBe(false);
    const final = await repo.findOneByOrFail({ id: scan.id });
    expect(
      await api.dataSource.transaction((m) => completeScan(m, final, 'job-1/lock-a', tasks, counts)),
    ).toBeNull();
    expect(await repo.findOneByOrFail({ id: scan.id })).toMatchObject({ status: 'completed', error: null });
  });
});
