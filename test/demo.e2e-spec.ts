import { Establishment, Scan } from '@vigie/database';
import { type ApiHarness, startApi } from './support/api-harness';
import { waitFor } from './support/worker-process';
import { startWorker } from './support/worker-harness';

describe('the demo data of `npm start`', () => {
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    api = await startApi({ demoData: true });
    worker = await startWorker(api.config);
  });
  afterAll(async () => {
    await worker.drain(5000);
    await api.close();
  });

  it('audits the demo configurations at start: findings, and a score re-computed with them', async () => {
    const token = await api.login('rssi.pitie@demo.vigie.local', 'demo-rssi-pitie-2026');
    const pitie = await api.dataSource.getRepository(Establishment).findOneByOrFail({ finess: '750100125' });
    const scan = await waitFor(
      async () => {
        const found = await api.dataSource.getRepository(Scan).findOneBy({ establishmentId: pitie.id });
        return found?.status === 'completed' ? found : undefined;
      },
      30000,
      'the demo scan',
    );
    expect(scan.findingsNew).toBeGreaterThan(5);
    const findings = (
      await api
        .http()
        .get(`/api/v1/establishments/${pitie.id}/findings?severity=high&limit=50`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body.items as { checkId: string; title: string }[];
    expect(findings.map((f) => f.checkId)).toEqual(
      expect.arrayContaining(['config.sshd', 'config.password_policy']),
    );
    const score = await waitFor(
      async () => {
        const res = await api
          .http()
          .get(`/api/v1/establishments/${pitie.id}/scores/latest`)
          .set('Authorization', `Bearer ${token}`);
        return res.status === 200 && res.body.trigger === 'scan' ? res.body : undefined;
      },
      30000,
      'the score after the demo scan',
    );
    expect(score.explanation.measures.some((m: { capped: boolean }) => m.capped)).toBe(true);
  });
});
