import { createHash } from 'node:crypto';
import {
  canonicalJson,
  IMPLEMENTED_LEVEL,
  inapplicability,
  type Level,
  type PlanMeasure,
  planHash,
  type Priority,
  type SecurityPlan,
} from '@vigie/security-plan';
import type {
  Answer,
  Contradiction,
  DomainResult,
  FindingSeverity,
  MeasureResult,
  RankedAction,
  ScoreSnapshotResult,
  ScoringInput,
  TierResult,
} from './types';

/** Bump when any rule below changes: snapshots keep it, so every score can be explained and reproduced. */
export const SCORING_VERSION = '1.0.0';

/** A measure's weight in its domain is its plan weight times this factor. */
export const PRIORITY_FACTOR: Record<Priority, number> = { prerequisite: 3, essential: 2, enhanced: 1 };

/** The highest level a measure can keep while a finding of this severity observes it. */
export const SEVERITY_CAP: Record<FindingSeverity, Level | null> = {
  critical: 1,
  high: 2,
  medium: 3,
  low: null,
  info: null,
};

const LEVEL_NAMES = ['absent', 'initié', 'partiel', 'mis en œuvre', 'mis en œuvre et vérifié'];
const ACTIONS_KEPT = 15;

const round = (value: number, decimals = 2) => {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
};

/** A finding observes a measure when the measure lists its check id, or a family the id belongs to (`config.sshd`). */
export function observes(measure: PlanMeasure, checkId: string): boolean {
  return measure.scanChecks.some((c) => checkId === c || checkId.startsWith(`${c}.`));
}

const planHashes = new WeakMap<SecurityPlan, string>();
function cachedPlanHash(plan: SecurityPlan): string {
  let hash = planHashes.get(plan);
  if (!hash) planHashes.set(plan, (hash = planHash(plan)));
  return hash;
}

/** Hash of everything the score depends on; equal inputs give equal hashes, whatever the order they came in. */
export function scoringInputHash(input: ScoringInput): string {
  const findings = [...input.findings]
    .map((f) => ({ checkId: f.checkId, severity: f.severity, target: f.target }))
    .sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  const answers = Object.fromEntries(
    Object.entries(input.answers).map(([id, a]) => [
      id,
      a.status === 'not_applicable' ? { status: a.status } : a,
    ]),
  );
  return createHash('sha256')
    .update(
      canonicalJson({
        scoringVersion: SCORING_VERSION,
        plan: { version: input.plan.version, hash: cachedPlanHash(input.plan) },
        profile: input.profile,
        answers,
        findings,
      }),
    )
    .digest('hex');
}

interface Scored {
  measure: PlanMeasure;
  answer: Answer | undefined;
  status: MeasureResult['status'];
  declared: Level | null;
  effective: Level | null;
  weight: number;
  capped: Contradiction | null;
}

function scoreMeasure(measure: PlanMeasure, input: ScoringInput): Scored {
  const answer = input.answers[measure.id];
  const base = { measure, answer, capped: null, declared: null };
  if (inapplicability(measure, input.profile))
    return { ...base, status: 'excluded_by_profile', effective: null, weight: 0 };
  const weight = measure.weight * PRIORITY_FACTOR[measure.priority];
  if (!answer) return { ...base, status: 'unanswered', effective: 0, weight };
  if (answer.status === 'not_applicable')
    return { ...base, status: 'not_applicable', effective: null, weight: 0 };
  if (answer.status === 'dont_know') return { ...base, status: 'dont_know', effective: 0, weight };

  const observed = input.findings.filter(
    (f) => SEVERITY_CAP[f.severity] !== null && observes(measure, f.checkId),
  );
  const cap = observed.reduce<Level>((lowest, f) => Math.min(lowest, SEVERITY_CAP[f.severity]!) as Level, 4);
  const effective = Math.min(answer.level, cap) as Level;
  const capped: Contradiction | null =
    effective < answer.level
      ? {
          measureId: measure.id,
          title: measure.title,
          declaredLevel: answer.level,
          observedLevel: effective,
          findings: observed
            .filter((f) => SEVERITY_CAP[f.severity]! < answer.level)
            .map(({ checkId, severity, title, target }) => ({ checkId, severity, title, target }))
            .sort((a, b) => (a.checkId + a.target).localeCompare(b.checkId + b.target)),
        }
      : null;
  return { ...base, status: 'level', declared: answer.level, effective, weight, capped };
}

/** Tier reached: tier N needs every applicable measure of tiers 1..N at level 3 or more. */
function tierOf(plan: SecurityPlan, scored: Scored[]): TierResult {
  const counted = scored.filter((s) => s.weight > 0);
  const unmetAt = (tier: number) =>
    counted.filter((s) => s.measure.tier === tier && (s.effective ?? 0) < IMPLEMENTED_LEVEL);
  let reached = 0;
  while (reached < 5 && unmetAt(reached + 1).length === 0) reached++;
  const nextTier = reached < 5 ? plan.tiers.find((t) => t.tier === reached + 1)! : null;
  return {
    reached,
    name: reached > 0 ? plan.tiers.find((t) => t.tier === reached)!.name : null,
    next: nextTier
      ? {
          tier: nextTier.tier,
          name: nextTier.name,
          unmet: unmetAt(nextTier.tier).map((s) => ({
            measureId: s.measure.id,
            title: s.measure.title,
            level: s.effective,
            priority: s.measure.priority,
          })),
        }
      : null,
    unmetPrerequisites: counted
      .filter((s) => s.measure.priority === 'prerequisite' && (s.effective ?? 0) < IMPLEMENTED_LEVEL)
      .map((s) => s.measure.id),
  };
}

/** Overall points per level of each measure: its share of its domain times the domain's share of the total. */
function shares(plan: SecurityPlan, scored: Scored[]) {
  const domainWeight = new Map<string, number>();
  for (const s of scored)
    domainWeight.set(s.measure.domain, (domainWeight.get(s.measure.domain) ?? 0) + s.weight);
  const included = plan.domains.filter((d) => (domainWeight.get(d.id) ?? 0) > 0);
  const totalDomainWeight = included.reduce((sum, d) => sum + d.weight, 0);
  const share = new Map<string, number>();
  for (const s of scored) {
    const inDomain = domainWeight.get(s.measure.domain) ?? 0;
    const domain = plan.domains.find((d) => d.id === s.measure.domain)!;
    share.set(
      s.measure.id,
      s.weight > 0 ? (s.weight / inDomain) * (domain.weight / totalDomainWeight) * 100 : 0,
    );
  }
  return { share, domainWeight, included, totalDomainWeight };
}

/** Computes a score snapshot: pure, deterministic, no I/O. See docs/scoring.md for the rules and a worked example. */
export function scoreAssessment(input: ScoringInput): ScoreSnapshotResult {
  const { plan } = input;
  const scored = plan.measures.map((m) => scoreMeasure(m, input));
  const { share, domainWeight, included, totalDomainWeight } = shares(plan, scored);
  const pointsOf = (s: Scored, level: number) => ((share.get(s.measure.id) ?? 0) * level) / 4;

  const overallRaw = scored.reduce((sum, s) => sum + (s.weight > 0 ? pointsOf(s, s.effective ?? 0) : 0), 0);
  const tier = tierOf(plan, scored);

  const domains: DomainResult[] = plan.domains.map((d) => {
    const inDomain = scored.filter((s) => s.measure.domain === d.id);
    const weight = domainWeight.get(d.id) ?? 0;
    const counted = inDomain.filter((s) => s.weight > 0);
    const score =
      weight > 0 ? counted.reduce((sum, s) => sum + s.weight * (s.effective ?? 0), 0) / (weight * 4) : null;
    return {
      id: d.id,
      title: d.title,
      weight: d.weight,
      score: score === null ? null : round(score * 100),
      applicable: counted.length,
      dontKnow: inDomain.filter((s) => s.status === 'dont_know').length,
      notApplicable: inDomain.filter((s) => s.status === 'not_applicable').length,
      lostPoints: round(counted.reduce((sum, s) => sum + pointsOf(s, 4 - (s.effective ?? 0)), 0)),
    };
  });

  const highLevels = scored.filter(
    (s) => s.status === 'level' && s.measure.evidenceExpected && (s.declared ?? 0) >= IMPLEMENTED_LEVEL,
  );
  const withoutEvidence = highLevels
    .filter((s) => s.answer?.status === 'level' && !s.answer.hasEvidence)
    .map((s) => s.measure.id);
  const missingEvidence = new Set(withoutEvidence);

  const measures: MeasureResult[] = scored.map((s) => ({
    id: s.measure.id,
    domain: s.measure.domain,
    title: s.measure.title,
    priority: s.measure.priority,
    tier: s.measure.tier,
    status: s.status,
    declaredLevel: s.declared,
    effectiveLevel: s.effective,
    weight: s.weight,
    lostPoints: s.weight > 0 ? round(pointsOf(s, 4 - (s.effective ?? 0))) : 0,
    evidenceMissing: missingEvidence.has(s.measure.id),
    capped: s.capped !== null,
  }));

  const actions = rankActions(scored, tier.reached, pointsOf);
  const count = (status: MeasureResult['status']) => scored.filter((s) => s.status === status).length;
  return {
    scoringVersion: SCORING_VERSION,
    planVersion: plan.version,
    inputHash: scoringInputHash(input),
    overall: included.length > 0 && totalDomainWeight > 0 ? round(overallRaw) : 0,
    tier,
    confidence: {
      score:
        highLevels.length === 0 ? 1 : round((highLevels.length - withoutEvidence.length) / highLevels.length),
      highLevels: highLevels.length,
      withEvidence: highLevels.length - withoutEvidence.length,
      withoutEvidence,
    },
    domains,
    measures,
    actions,
    contradictions: scored.flatMap((s) => (s.capped ? [s.capped] : [])),
    counts: {
      applicable: scored.filter((s) => s.weight > 0).length,
      answered: count('level'),
      dontKnow: count('dont_know'),
      notApplicable: count('not_applicable'),
      unanswered: count('unanswered'),
      excludedByProfile: count('excluded_by_profile'),
    },
  };
}

/**
 * The next step of every measure not at level 4: up to level 3 when below it (implemented is what tiers count),
 * else to 4. Ranked by points gained, then by whether it unlocks a tier, prerequisites first, then by id.
 */
function rankActions(
  scored: Scored[],
  reached: number,
  pointsOf: (s: Scored, level: number) => number,
): RankedAction[] {
  // A measure raised to level 3 or more unlocks tier k when it is the only thing tiers reached+1..k lack.
  const unmetByTier = new Map<number, Scored[]>();
  for (const o of scored) {
    if (o.weight > 0 && (o.effective ?? 0) < IMPLEMENTED_LEVEL)
      unmetByTier.set(o.measure.tier, [...(unmetByTier.get(o.measure.tier) ?? []), o]);
  }
  const tierIfRaised = (s: Scored) => {
    let tier = reached;
    while (tier < 5) {
      const unmet = unmetByTier.get(tier + 1) ?? [];
      if (unmet.length > 1 || (unmet.length === 1 && unmet[0] !== s)) break;
      tier++;
    }
    return tier;
  };
  const candidates = scored
    .filter((s) => s.weight > 0 && (s.effective ?? 0) < 4)
    .map((s) => {
      const from = (s.effective ?? 0) as Level;
      const to = (from < IMPLEMENTED_LEVEL ? IMPLEMENTED_LEVEL : 4) as Level;
      const newTier = tierIfRaised(s);
      const blocker = s.capped ? ' : corriger d’abord ce que les scans observent' : '';
      return {
        s,
        from,
        to,
        gain: round(pointsOf(s, to - from)),
        unlocksTier: newTier > reached ? newTier : null,
        label: `Porter « ${s.measure.title} » du niveau ${from} (${LEVEL_NAMES[from]}) au niveau ${to} (${LEVEL_NAMES[to]})${blocker}`,
      };
    });
  const priorityRank: Record<Priority, number> = { prerequisite: 0, essential: 1, enhanced: 2 };
  candidates.sort(
    (a, b) =>
      b.gain - a.gain ||
      Number(b.unlocksTier !== null) - Number(a.unlocksTier !== null) ||
      priorityRank[a.s.measure.priority] - priorityRank[b.s.measure.priority] ||
      a.s.measure.id.localeCompare(b.s.measure.id),
  );
  return candidates.slice(0, ACTIONS_KEPT).map((c, i) => ({
    rank: i + 1,
    measureId: c.s.measure.id,
    title: c.s.measure.title,
    fromLevel: c.from,
    toLevel: c.to,
    gain: c.gain,
    unlocksTier: c.unlocksTier,
    label: c.label,
  }));
}
