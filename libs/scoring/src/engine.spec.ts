import type { EstablishmentProfile, PlanMeasure, SecurityPlan } from '@vigie/security-plan';
import { compareSnapshots } from './compare';
import { scoreAssessment, SCORING_VERSION } from './engine';
import type { Answer, ObservedFinding } from './types';

const levels = { 0: 'absent', 1: 'initié', 2: 'partiel', 3: 'en place', 4: 'vérifié' };
const measure = (
  m: Partial<PlanMeasure> & Pick<PlanMeasure, 'id' | 'priority' | 'tier' | 'weight'>,
): PlanMeasure => ({
  domain: m.id.split('.')[0],
  title: `Mesure ${m.id}`,
  rationale: 'r',
  question: 'q ?',
  levels,
  evidenceExpected: false,
  shortMode: true,
  mappings: { anssiHygiene: [], nistCsf: ['GV.OC-01'], hhsCpg: [] },
  scanChecks: [],
  ...m,
});

/**
 * Measure weights (plan weight × priority factor 3/2/1):
 *   A.01 prerequisite tier 1, 1×3 = 3, evidence expected, observed by ports.rdp
 *   A.02 essential tier 2, 2×2 = 4
 *   A.03 enhanced tier 4, 1×1 = 1, full plan only
 *   B.01 essential tier 1, 1×2 = 2, evidence expected
 *   B.02 enhanced tier 3, 2×1 = 2, CHU only
 *   B.03 essential tier 2, 1×2 = 2
 * Domain weights: A 2, B 1.
 */
const plan: SecurityPlan = {
  version: '2026.1',
  title: 'Plan de test',
  description: 'd',
  publishedAt: '2026-11-23',
  tiers: [1, 2, 3, 4, 5].map((tier) => ({ tier, name: `Palier ${tier}`, description: 'd' })),
  domains: [
    { id: 'A', title: 'Domaine A', description: 'd', weight: 2 },
    { id: 'B', title: 'Domaine B', description: 'd', weight: 1 },
  ],
  measures: [
    measure({
      id: 'A.01',
      priority: 'prerequisite',
      tier: 1,
      weight: 1,
      evidenceExpected: true,
      scanChecks: ['ports.rdp'],
    }),
    measure({ id: 'A.02', priority: 'essential', tier: 2, weight: 2 }),
    measure({ id: 'A.03', priority: 'enhanced', tier: 4, weight: 1, shortMode: false }),
    measure({ id: 'B.01', priority: 'essential', tier: 1, weight: 1, evidenceExpected: true }),
    measure({ id: 'B.02', priority: 'enhanced', tier: 3, weight: 2, applicability: { categories: ['chu'] } }),
    measure({ id: 'B.03', priority: 'essential', tier: 2, weight: 1 }),
  ],
};

const fullCh: EstablishmentProfile = { category: 'ch', bedCount: 300, mode: 'full' };
const answers: Record<string, Answer> = {
  'A.01': { status: 'level', level: 3, hasEvidence: true },
  'A.02': { status: 'level', level: 2, hasEvidence: false },
  'A.03': { status: 'not_applicable', reason: 'pas de télémédecine' },
  'B.01': { status: 'level', level: 4, hasEvidence: false },
  'B.03': { status: 'dont_know' },
};
const rdpExposed: ObservedFinding = {
  checkId: 'ports.rdp',
  severity: 'critical',
  title: 'Bureau à distance exposé',
  target: '203.0.113.7:3389',
};

describe('scoring engine (golden snapshots computed by hand)', () => {
  it('scores not-applicable, don’t-know, out-of-profile measures and missing evidence', () => {
    const s = scoreAssessment({ plan, profile: fullCh, answers, findings: [] });
    expect(s.scoringVersion).toBe(SCORING_VERSION);
    // A = (3×3 + 4×2) / (7×4) = 17/28; B = (2×4 + 2×0) / (4×4) = 1/2; overall = (2×17/28 + 1×1/2) / 3.
    expect(s.domains).toEqual([
      {
        id: 'A',
        title: 'Domaine A',
        weight: 2,
        score: 60.71,
        applicable: 2,
        dontKnow: 0,
        notApplicable: 1,
        lostPoints: 26.19,
      },
      {
        id: 'B',
        title: 'Domaine B',
        weight: 1,
        score: 50,
        applicable: 2,
        dontKnow: 1,
        notApplicable: 0,
        lostPoints: 16.67,
      },
    ]);
    expect(s.overall).toBe(57.14);
    expect(
      Object.fromEntries(s.measures.map((m) => [m.id, [m.status, m.effectiveLevel, m.weight, m.lostPoints]])),
    ).toEqual({
      'A.01': ['level', 3, 3, 7.14],
      'A.02': ['level', 2, 4, 19.05],
      'A.03': ['not_applicable', null, 0, 0],
      'B.01': ['level', 4, 2, 0],
      'B.02': ['excluded_by_profile', null, 0, 0],
      'B.03': ['dont_know', 0, 2, 16.67],
    });
    expect(s.tier).toEqual({
      reached: 1,
      name: 'Palier 1',
      next: {
        tier: 2,
        name: 'Palier 2',
        unmet: [
          { measureId: 'A.02', title: 'Mesure A.02', level: 2, priority: 'essential' },
          { measureId: 'B.03', title: 'Mesure B.03', level: 0, priority: 'essential' },
        ],
      },
      unmetPrerequisites: [],
    });
    // Levels ≥ 3 where evidence is expected: A.01 (backed) and B.01 (not backed).
    expect(s.confidence).toEqual({ score: 0.5, highLevels: 2, withEvidence: 1, withoutEvidence: ['B.01'] });
    expect(s.measures.find((m) => m.id === 'B.01')!.evidenceMissing).toBe(true);
    expect(s.actions.map((a) => [a.measureId, a.fromLevel, a.toLevel, a.gain, a.unlocksTier])).toEqual(
      [
        ['B.03', 0, 3, 12.5],
        ['A.02', 2, 3, 9.52],
        ['A.01', 3, 4, 7.14],
      ].map((row) => [...row, null]),
    );
    expect(s.counts).toEqual({
      applicable: 4,
      answered: 3,
      dontKnow: 1,
      notApplicable: 1,
      unanswered: 0,
      excludedByProfile: 1,
    });
    expect(s.contradictions).toEqual([]);
  });

  it('caps a contradicted answer, records the contradiction, and an unmet prerequisite caps the tier', () => {
    const s = scoreAssessment({
      plan,
      profile: fullCh,
      answers,
      findings: [rdpExposed, { ...rdpExposed, severity: 'low', checkId: 'tls.protocol.legacy' }],
    });
    // A.01 is capped at level 1 by the critical finding: A = (3×1 + 4×2)/28 = 11/28.
    expect(s.domains[0].score).toBe(39.29);
    expect(s.overall).toBe(42.86);
    expect(s.contradictions).toEqual([
      {
        measureId: 'A.01',
        title: 'Mesure A.01',
        declaredLevel: 3,
        observedLevel: 1,
        findings: [
          {
            checkId: 'ports.rdp',
            severity: 'critical',
            title: 'Bureau à distance exposé',
            target: '203.0.113.7:3389',
          },
        ],
      },
    ]);
    expect(s.measures[0]).toMatchObject({
      declaredLevel: 3,
      effectiveLevel: 1,
      capped: true,
      lostPoints: 21.43,
    });
    expect(s.tier.reached).toBe(0);
    expect(s.tier.unmetPrerequisites).toEqual(['A.01']);
    expect(s.tier.next).toMatchObject({
      tier: 1,
      unmet: [{ measureId: 'A.01', level: 1, priority: 'prerequisite' }],
    });
    expect(s.actions[0]).toMatchObject({
      measureId: 'A.01',
      fromLevel: 1,
      toLevel: 3,
      gain: 14.29,
      unlocksTier: 1,
    });
    expect(s.actions[0].label).toMatch(/corriger d’abord ce que les scans observent/);
  });

  it('applies the short questionnaire: measures outside it leave the denominator', () => {
    const { 'A.03': _ignored, ...shortAnswers } = answers;
    const s = scoreAssessment({
      plan,
      profile: { category: 'ehpad', bedCount: 80, mode: 'short' },
      answers: shortAnswers,
      findings: [],
    });
    expect(s.overall).toBe(57.14);
    expect(s.measures.find((m) => m.id === 'A.03')!.status).toBe('excluded_by_profile');
    expect(s.counts.excludedByProfile).toBe(2);
  });

  it('counts unanswered measures as level 0', () => {
    const { 'A.02': _ignored, ...partial } = answers;
    const s = scoreAssessment({ plan, profile: fullCh, answers: partial, findings: [] });
    expect(s.measures.find((m) => m.id === 'A.02')).toMatchObject({
      status: 'unanswered',
      effectiveLevel: 0,
      lostPoints: 38.1,
    });
    expect(s.counts.unanswered).toBe(1);
  });

  it('gives the same snapshot and hash for the same inputs, whatever their order; another hash otherwise', () => {
    const reversed = Object.fromEntries(Object.entries(answers).reverse());
    const a = scoreAssessment({ plan, profile: fullCh, answers, findings: [rdpExposed] });
    const b = scoreAssessment({
      plan,
      profile: { mode: 'full', bedCount: 300, category: 'ch' },
      answers: reversed,
      findings: [rdpExposed],
    });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const changed = scoreAssessment({
      plan,
      profile: fullCh,
      answers: { ...answers, 'A.02': { status: 'level', level: 3, hasEvidence: false } },
      findings: [rdpExposed],
    });
    expect(changed.inputHash).not.toBe(a.inputHash);
    // The reason of a not-applicable answer is shown, but does not change the score.
    const reason = scoreAssessment({
      plan,
      profile: fullCh,
      answers: { ...answers, 'A.03': { status: 'not_applicable', reason: 'autre raison' } },
      findings: [rdpExposed],
    });
    expect(reason.inputHash).toBe(a.inputHash);
  });

  it('reaches tier 5 when everything is implemented, and an all-zero answer scores 0', () => {
    const all = Object.fromEntries(
      plan.measures.map((m) => [m.id, { status: 'level', level: 4, hasEvidence: true } as Answer]),
    );
    const best = scoreAssessment({
      plan,
      profile: { category: 'chu', bedCount: 1000, mode: 'full' },
      answers: all,
      findings: [],
    });
    expect([best.overall, best.tier.reached, best.tier.next, best.actions]).toEqual([100, 5, null, []]);
    const none = Object.fromEntries(
      plan.measures.map((m) => [m.id, { status: 'level', level: 0, hasEvidence: false } as Answer]),
    );
    expect(scoreAssessment({ plan, profile: fullCh, answers: none, findings: [] }).overall).toBe(0);
  });

  it('explains what moved between two snapshots', () => {
    const before = scoreAssessment({ plan, profile: fullCh, answers, findings: [] });
    const after = scoreAssessment({
      plan,
      profile: fullCh,
      answers: { ...answers, 'B.03': { status: 'level', level: 3, hasEvidence: false } },
      findings: [rdpExposed],
    });
    const diff = compareSnapshots(before, after);
    expect(diff.overall).toEqual({ from: 57.14, to: 55.36, delta: -1.78 });
    expect(diff.tier).toEqual({ from: 1, to: 0 });
    expect(diff.measures).toEqual([
      {
        measureId: 'A.01',
        title: 'Mesure A.01',
        domain: 'A',
        fromLevel: 3,
        toLevel: 1,
        pointsDelta: -14.29,
        why: 'niveau plafonné à 1 par une observation des scans (déclaré 3)',
      },
      {
        measureId: 'B.03',
        title: 'Mesure B.03',
        domain: 'B',
        fromLevel: 0,
        toLevel: 3,
        pointsDelta: 12.5,
        why: 'réponse passée de « je ne sais pas » à un niveau',
      },
    ]);
    expect(diff.domains).toEqual([
      { id: 'A', title: 'Domaine A', from: 60.71, to: 39.29, delta: -21.42 },
      { id: 'B', title: 'Domaine B', from: 50, to: 87.5, delta: 37.5 },
    ]);
  });
});
