import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@vigie/config';
import { applicableMeasures, defaultMode } from './applicability';
import { loadPlanDirectory, parsePlan, planHash } from './load';
import { PlanValidationError } from './validate';

const realPlans = () => loadPlanDirectory(join(projectRoot(), 'config', 'security-plan'));

function problemsOf(text: string): string[] {
  try {
    parsePlan(text, 'test.yaml');
  } catch (error) {
    if (error instanceof PlanValidationError) return error.problems.map((p) => `${p.path}: ${p.problem}`);
    throw error;
  }
  return [];
}

describe('security plan files', () => {
  it('loads the published plan: 60-100 measures in 6-10 domains, every tier populated, prerequisites in tier 1', () => {
    for (const plan of realPlans()) {
      expect(plan.measures.length).toBeGreaterThanOrEqual(60);
      expect(plan.measures.length).toBeLessThanOrEqual(100);
      expect(plan.domains.length).toBeGreaterThanOrEqual(6);
      expect(plan.domains.length).toBeLessThanOrEqual(10);
      for (const tier of [1, 2, 3, 4, 5]) expect(plan.measures.some((m) => m.tier === tier)).toBe(true);
      expect(plan.measures.filter((m) => m.priority === 'prerequisite').every((m) => m.tier === 1)).toBe(
        true,
      );
      expect(plan.measures.some((m) => m.scanChecks.includes('ports.rdp'))).toBe(true);
      // The short questionnaire keeps every prerequisite: a small structure can still reach tier 1.
      const ehpad = applicableMeasures(plan, { category: 'ehpad', bedCount: 80, mode: 'short' });
      expect(ehpad.length).toBeLessThan(plan.measures.length / 2);
      expect(plan.measures.filter((m) => m.priority === 'prerequisite').every((m) => ehpad.includes(m))).toBe(
        true,
      );
      expect(applicableMeasures(plan, { category: 'chu', bedCount: 2000, mode: 'full' })).toHaveLength(
        plan.measures.length,
      );
    }
  });

  it('hashes the content, whatever the key order', () => {
    const [plan] = realPlans();
    const reordered = JSON.parse(
      JSON.stringify({
        measures: plan.measures,
        domains: plan.domains,
        tiers: plan.tiers,
        publishedAt: plan.publishedAt,
        description: plan.description,
        title: plan.title,
        version: plan.version,
      }),
    );
    expect(planHash(reordered)).toBe(planHash(plan));
  });

  it('names the file, the path and the problem', () => {
    const [plan] = realPlans();
    const broken = JSON.parse(JSON.stringify(plan));
    broken.measures[0].priority = 'urgent';
    broken.measures[1].levels = { 0: 'a', 1: 'b', 2: 'c', 3: 'd' };
    broken.measures[2].domain = 'NOPE';
    broken.measures[3].mappings.nistCsf = ['PR.AC-1'];
    broken.measures[4].colour = 'red';
    broken.measures[5].scanChecks = ['RDP'];
    const problems = problemsOf(JSON.stringify(broken));
    const id = (i: number) => `measures[${i}] (${plan.measures[i].id})`;
    expect(problems).toEqual(
      expect.arrayContaining([
        `${id(0)}.priority: must be one of prerequisite, essential, enhanced`,
        `${id(1)}.levels.4: must be a non-empty string`,
        `${id(2)}.domain: unknown domain NOPE`,
        `${id(3)}.mappings.nistCsf[0]: must be a NIST CSF 2.0 subcategory id like "PR.AA-01" (got "PR.AC-1")`,
        `${id(4)}.colour: is not a known field`,
        `${id(5)}.scanChecks[0]: must be a check id like "ports.rdp" (got "RDP")`,
      ]),
    );
    expect(problemsOf('version: "2026.1"\ntitle: [unclosed')).toEqual([
      expect.stringMatching(/^\(syntax\): /),
    ]);
    expect(problemsOf('[]')).toEqual(['(root): must be a mapping']);
    try {
      parsePlan(JSON.stringify(broken), 'config/security-plan/2026.1.yaml');
    } catch (error) {
      expect((error as Error).message).toContain('config/security-plan/2026.1.yaml: measures[0]');
    }
  });

  it('refuses a file whose name is not its version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-plan-'));
    const [plan] = realPlans();
    writeFileSync(join(dir, '2027.1.yaml'), JSON.stringify(plan));
    expect(() => loadPlanDirectory(dir)).toThrow(
      /2027.1.yaml: version: is 2026.1 but the file is named 2027.1.yaml/,
    );
  });

  it('chooses the full plan for hospitals and the short questionnaire for small structures', () => {
    expect(defaultMode({ category: 'chu', bedCount: 50 })).toBe('full');
    expect(defaultMode({ category: 'ehpad', bedCount: 80 })).toBe('short');
    expect(defaultMode({ category: 'private_clinic', bedCount: 200 })).toBe('full');
  });
});
