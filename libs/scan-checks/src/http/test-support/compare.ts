import { parseNetworks } from '@vigie/net-guard';
import { checkHttp, type HttpCheckResult } from '../http.check';
import type { TestPki } from './certificates';
import { observatoryScan, type ObservatoryReport } from './observatory';
import type { Site } from './site';

/** Helpers of the differential test: Vigie and the Observatory 1.4.8 on the same local site. */
const { block: allowed } = parseNetworks('127.0.0.0/8');

export const SECURE_COOKIE = '__Host-SESSION=abc; Secure; HttpOnly; SameSite=Lax; Path=/';
export const STRICT_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
export const SRI_SCRIPT =
  '<script src="https://cdn.example.org/lib.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>';

export async function both(
  site: Site,
  pki?: TestPki,
  trust = true,
): Promise<{ ours: HttpCheckResult; reference: ObservatoryReport }> {
  const [ours, reference] = await Promise.all([
    checkHttp('127.0.0.1', {
      allowed,
      httpPort: site.port,
      httpsPort: site.port,
      ca: trust ? pki?.ca : undefined,
      timeoutMs: 5000,
    }),
    observatoryScan(`127.0.0.1:${site.port}`, trust ? pki?.caPath : undefined),
  ]);
  return { ours, reference };
}

/** Our scored outcomes and theirs, keyed by test, in the same shape. */
export function sideBySide({ ours, reference }: { ours: HttpCheckResult; reference: ObservatoryReport }) {
  const mine = Object.fromEntries(
    ours.grade.expectations
      .filter((e) => e.scored)
      .map((e) => [e.test, { result: e.result as string, pass: e.pass, modifier: e.modifier }]),
  );
  const theirs = Object.fromEntries(
    Object.entries(reference.tests).map(([test, t]) => [
      test,
      { result: t.result, pass: t.pass, modifier: t.scoreModifier },
    ]),
  );
  return { mine, theirs };
}

export function expectSameGrade(run: { ours: HttpCheckResult; reference: ObservatoryReport }) {
  const { mine, theirs } = sideBySide(run);
  expect(mine).toEqual(theirs);
  expect({ score: run.ours.grade.score, grade: run.ours.grade.grade }).toEqual({
    score: run.reference.scan.score,
    grade: run.reference.scan.grade,
  });
  expect(run.ours.grade.testsPassed).toBe(run.reference.scan.testsPassed);
  expect(run.ours.grade.testsQuantity).toBe(run.reference.scan.testsQuantity);
}
