import type { ApiHarness } from './api-harness';

type Http = ApiHarness['http'];
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Answers every applicable measure of a draft: level 3 for most, a few "don't know" and "not applicable". */
export async function answerAll(
  http: Http,
  token: string,
  assessmentId: string,
  level = (i: number) => (i % 5) as number,
) {
  const assessment = (
    await http()
      .get(`/api/v1/assessments/${assessmentId}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200)
  ).body;
  for (const [i, measureId] of (assessment.applicableMeasureIds as string[]).entries()) {
    const current = assessment.answers.find((a: { measureId: string }) => a.measureId === measureId);
    const body =
      i === 1
        ? { status: 'dont_know' }
        : i === 2
          ? { status: 'not_applicable', reason: 'Pas de système concerné sur ce site' }
          : { status: 'level', level: level(i) };
    await http()
      .put(`/api/v1/assessments/${assessmentId}/answers/${measureId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...body, expectedRevision: current?.revision ?? 0 })
      .expect(200);
  }
  return assessment;
}
