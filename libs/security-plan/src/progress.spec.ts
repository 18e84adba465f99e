import { assessmentProgress } from './progress';
import type { PlanMeasure, SecurityPlan } from './types';

const measure = (id: string, domain: string): PlanMeasure => ({
  id,
  domain,
  title: id,
  rationale: '',
  question: '',
  levels: { 0: '', 1: '', 2: '', 3: '', 4: '' },
  priority: 'essential',
  tier: 1,
  weight: 1,
  evidenceExpected: false,
  shortMode: true,
  mappings: { anssiHygiene: [], nistCsf: [], hhsCpg: [] },
  scanChecks: [],
});

const plan: SecurityPlan = {
  version: '2099.1',
  title: 'Plan',
  description: '',
  publishedAt: '2099-01-01',
  tiers: [],
  domains: [
    { id: 'GOV', title: 'Gouvernance', description: '', weight: 1 },
    { id: 'EXP', title: 'Exposition', description: '', weight: 1 },
    { id: 'SUP', title: 'Supervision', description: '', weight: 1 },
  ],
  measures: [
    measure('GOV.1', 'GOV'),
    measure('GOV.2', 'GOV'),
    measure('GOV.3', 'GOV'),
    measure('EXP.1', 'EXP'),
    measure('EXP.2', 'EXP'),
    measure('SUP.1', 'SUP'),
  ],
};

describe('assessment progress', () => {
  it('counts applicable and answered measures per domain, in the order of the plan', () => {
    expect(assessmentProgress(plan, ['GOV.1', 'GOV.2', 'GOV.3', 'EXP.1'], ['GOV.1', 'EXP.1'])).toEqual([
      { domain: 'GOV', title: 'Gouvernance', applicable: 3, answered: 1, percent: 33 },
      { domain: 'EXP', title: 'Exposition', applicable: 1, answered: 1, percent: 100 },
      // Nothing applies: nothing is left to answer.
      { domain: 'SUP', title: 'Supervision', applicable: 0, answered: 0, percent: 100 },
    ]);
  });

  it('ignores answers to measures that do not apply, and ids the plan does not have', () => {
    const progress = assessmentProgress(plan, ['GOV.1', 'GOV.2'], ['GOV.1', 'GOV.3', 'EXP.2', 'XYZ.9']);
    expect(progress[0]).toMatchObject({ applicable: 2, answered: 1, percent: 50 });
    expect(progress[1]).toMatchObject({ applicable: 0, answered: 0, percent: 100 });
  });

  it('uses the domain a measure declares, not the prefix of its id', () => {
    const moved: SecurityPlan = { ...plan, measures: [measure('GOV.9', 'SUP')] };
    expect(assessmentProgress(moved, ['GOV.9'], [])).toEqual([
      expect.objectContaining({ domain: 'GOV', applicable: 0 }),
      expect.objectContaining({ domain: 'EXP', applicable: 0 }),
      expect.objectContaining({ domain: 'SUP', applicable: 1, answered: 0, percent: 0 }),
    ]);
  });

  it('rounds to whole percents', () => {
    expect(assessmentProgress(plan, ['GOV.1', 'GOV.2', 'GOV.3'], ['GOV.1', 'GOV.2'])[0].percent).toBe(67);
  });
});
