import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApi } from './support/api-harness';
import { answerAll } from './support/assessments';
import { recordExposedRdp } from './support/findings';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

/** Without a worker no score is computed: the levels come from the assessment, then from nothing. */
describe('the measures a finding bears on, before any score', () => {
  let api: ApiHarness;
  let t: Tenants;
  let ciso: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
  });
  afterAll(() => api.close());

  const exposedRdp = () => recordExposedRdp(api.dataSource, t.a1.id);

  it('names the measures of the current plan, then the levels the submitted assessment declares', async () => {
    const finding = await exposedRdp();
    const read = async () =>
      (await api.http().get(`/api/v1/findings/${finding.id}`).set(as(ciso)).expect(200)).body as {
        id: string;
        checkId: string;
        measures: {
          id: string;
          title: string;
          declaredLevel: number | null;
          effectiveLevel: number | null;
        }[];
      };
    const before = await read();
    expect(before).toMatchObject({ id: finding.id, checkId: 'ports.rdp' });
    // config/security-plan/2026.1.yaml: remote access exposure (EXPO.02) observes ports.rdp.
    expect(before.measures).toContainEqual(
      expect.objectContaining({ id: 'EXPO.02', declaredLevel: null, effectiveLevel: null }),
    );
    expect(before.measures.every((m) => m.title.length > 0)).toBe(true);

    const assessment = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assessments`)
        .set(as(ciso))
        .send({})
        .expect(201)
    ).body;
    await answerAll(api.http, ciso, assessment.id, () => 4);
    await api.http().post(`/api/v1/assessments/${assessment.id}/submit`).set(as(ciso)).expect(200);
    const detail = (await api.http().get(`/api/v1/assessments/${assessment.id}`).set(as(ciso)).expect(200))
      .body;
    const declared = new Map<string, number | null>(
      detail.answers.map((a: { measureId: string; level: number | null }) => [a.measureId, a.level]),
    );
    const after = await read();
    expect(after.measures.map((m) => m.id)).toEqual(before.measures.map((m) => m.id));
    for (const measure of after.measures)
      expect(measure).toMatchObject({
        declaredLevel: declared.get(measure.id) ?? null,
        effectiveLevel: null,
      });
    expect(after.measures.some((m) => m.declaredLevel === 4)).toBe(true);

    // The establishment's listing carries the same measures.
    const listed = (
      await api
        .http()
        .get(`/api/v1/establishments/${t.a1.id}/findings?checkId=ports.rdp`)
        .set(as(ciso))
        .expect(200)
    ).body.items.find((f: { id: string }) => f.id === finding.id);
    expect(listed.measures).toEqual(after.measures);
  });

  it('answers 404 with a code for a finding that does not exist, 400 for an id that is not one', async () => {
    const missing = await api.http().get(`/api/v1/findings/${randomUUID()}`).set(as(ciso)).expect(404);
    expect(missing.body.code).toBe('finding.not_found');
    await api.http().get('/api/v1/findings/not-an-id').set(as(ciso)).expect(400);
  });
});
