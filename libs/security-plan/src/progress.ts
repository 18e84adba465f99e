import type { SecurityPlan } from './types';

export interface DomainProgress {
  domain: string;
  title: string;
  /** Measures of the domain this assessment answers. */
  applicable: number;
  answered: number;
  /** Whole percent; a domain with nothing to answer is complete. */
  percent: number;
}

/**
 * How far an assessment is, per domain of its plan, in the plan's order. Answers to measures that do not apply
 * (left from another mode or profile) do not count.
 */
export function assessmentProgress(
  plan: SecurityPlan,
  applicableIds: Iterable<string>,
  answeredIds: Iterable<string>,
): DomainProgress[] {
  const applicable = new Set(applicableIds);
  const answered = new Set(answeredIds);
  const counts = new Map(plan.domains.map((d) => [d.id, { applicable: 0, answered: 0 }]));
  for (const measure of plan.measures) {
    const count = counts.get(measure.domain);
    if (!count || !applicable.has(measure.id)) continue;
    count.applicable++;
    if (answered.has(measure.id)) count.answered++;
  }
  return plan.domains.map((d) => {
    const { applicable: total, answered: done } = counts.get(d.id)!;
    return {
      domain: d.id,
      title: d.title,
      applicable: total,
      answered: done,
      percent: total ? Math.round((done / total) * 100) : 100,
    };
  });
}
