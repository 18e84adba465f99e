import { randomUUID } from 'node:crypto';
import { Assessment, AssessmentAnswer, Asset, Establishment, Ght, LegalEntity, User } from '@vigie/database';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { uniqueConflictBody } from '../apps/api/src/common/http-exception.filter';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

/**
 * A request that loses a race between a service's uniqueness check and its insert hits the database's index:
 * it must get the code the check gives, not a generic conflict. The collisions are real ones, on each dialect.
 */
describe('a write that loses a uniqueness race gets the domain code', () => {
  let api: ApiHarness;
  let t: Tenants;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi();
    t = await seedTenants(api.dataSource);
  });
  afterAll(() => api.close());

  /** Inserts a copy of a stored row under a new id: the error the database raises for it. */
  async function duplicateOf<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    row: T,
    changes: Partial<T> = {},
  ) {
    try {
      await api.dataSource.getRepository(entity).insert({ ...row, ...changes });
    } catch (error) {
      return error;
    }
    throw new Error('the copy was stored');
  }

  it('names the e-mail, the FINESS, the GHT name, the asset, the draft and the answer taken', async () => {
    const ciso = await api.login('ciso.a@test.fr', PASSWORD);
    const user = await api.dataSource.getRepository(User).findOneByOrFail({ email: 'ciso.a@test.fr' });
    const cases: [unknown, string][] = [
      [await duplicateOf(User, user, { id: randomUUID() }), 'user.email_taken'],
      [await duplicateOf(Establishment, t.a1, { id: randomUUID() }), 'establishment.finess_taken'],
      [await duplicateOf(LegalEntity, t.legalEntityA, { id: randomUUID() }), 'legal_entity.finess_taken'],
      [await duplicateOf(Ght, t.ghtA, { id: randomUUID() }), 'ght.name_taken'],
    ];

    const asset = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assets`)
        .set(as(ciso))
        .send({ kind: 'domain', value: 'ch-course.fr' })
        .expect(201)
    ).body;
    const storedAsset = await api.dataSource.getRepository(Asset).findOneByOrFail({ id: asset.id });
    cases.push([await duplicateOf(Asset, storedAsset, { id: randomUUID() }), 'asset.duplicate']);

    const draft = (
      await api
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assessments`)
        .set(as(ciso))
        .send({})
        .expect(201)
    ).body;
    const storedDraft = await api.dataSource.getRepository(Assessment).findOneByOrFail({ id: draft.id });
    cases.push([await duplicateOf(Assessment, storedDraft, { id: randomUUID() }), 'assessment.draft_exists']);

    const read = await api.http().get(`/api/v1/assessments/${draft.id}`).set(as(ciso)).expect(200);
    const measureId: string = read.body.applicableMeasureIds[0];
    await api
      .http()
      .put(`/api/v1/assessments/${draft.id}/answers/${measureId}`)
      .set(as(ciso))
      .send({ status: 'level', level: 2 })
      .expect(200);
    const answer = await api.dataSource
      .getRepository(AssessmentAnswer)
      .findOneByOrFail({ assessmentId: draft.id, measureId });
    cases.push([await duplicateOf(AssessmentAnswer, answer), 'answer.revision_conflict']);

    for (const [error, code] of cases)
      expect({ code, body: uniqueConflictBody(error) }).toMatchObject({
        code,
        body: { statusCode: 409, code },
      });
  });
});
