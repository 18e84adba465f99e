import { Establishment, Scan } from '@vigie/database';
import { DEMO_DECLARED_ANSWERS } from '../apps/api/src/seed/demo-data';
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

  it('shows the bastion and the domain policy as contradictions of what the establishment declared', async () => {
    const token = await api.login('rssi.pitie@demo.vigie.local', 'demo-rssi-pitie-2026');
    const pitie = await api.dataSource.getRepository(Establishment).findOneByOrFail({ finess: '750100125' });
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
    type Contradiction = {
      measureId: string;
      declaredLevel: number;
      observedLevel: number;
      findings: { checkId: string }[];
    };
    const contradictions = score.explanation.contradictions as Contradiction[];
    for (const { measureId, level } of DEMO_DECLARED_ANSWERS) {
      const contradiction = contradictions.find((c) => c.measureId === measureId);
      expect(contradiction).toMatchObject({ declaredLevel: level });
      expect(contradiction!.observedLevel).toBeLessThan(level);
    }
    const checksOf = (measureId: string) =>
      contradictions.find((c) => c.measureId === measureId)!.findings.map((f) => f.checkId);
    expect(checksOf('MCS.09')).toContain('config.sshd');
    expect(checksOf('IDENT.06')).toContain('config.password_policy');

    // Each finding names the measure it contradicts, with both levels.
    const sshd = (
      await api
        .http()
        .get(`/api/v1/establishments/${pitie.id}/findings?checkId=config.sshd&limit=1`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body.items[0] as { id: string };
    const one = await api
      .http()
      .get(`/api/v1/findings/${sshd.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const mcs09 = contradictions.find((c) => c.measureId === 'MCS.09')!;
    expect(one.body.measures).toContainEqual(
      expect.objectContaining({ id: 'MCS.09', declaredLevel: 4, effectiveLevel: mcs09.observedLevel }),
    );
  });
});
