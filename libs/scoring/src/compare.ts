import type { ScoreSnapshotResult } from './types';

export interface MeasureMove {
  measureId: string;
  title: string;
  domain: string;
  fromLevel: number | null;
  toLevel: number | null;
  /** Overall points won (positive) or lost (negative) by this measure. */
  pointsDelta: number;
  why: string;
}

export interface SnapshotComparison {
  overall: { from: number; to: number; delta: number };
  tier: { from: number; to: number };
  domains: { id: string; title: string; from: number | null; to: number | null; delta: number | null }[];
  measures: MeasureMove[];
  planChanged: boolean;
  scoringChanged: boolean;
}

const round = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

function why(
  before: ScoreSnapshotResult['measures'][number] | undefined,
  after: ScoreSnapshotResult['measures'][number] | undefined,
) {
  if (!before) return 'mesure ajoutée par la nouvelle version du plan';
  if (!after) return 'mesure retirée par la nouvelle version du plan';
  if (before.status !== after.status) {
    const names: Record<string, string> = {
      level: 'un niveau',
      dont_know: '« je ne sais pas »',
      not_applicable: '« non applicable »',
      unanswered: 'aucune réponse',
      excluded_by_profile: 'hors profil',
    };
    return `réponse passée de ${names[before.status]} à ${names[after.status]}`;
  }
  if (before.capped !== after.capped) {
    return after.capped
      ? `niveau plafonné à ${after.effectiveLevel} par une observation des scans (déclaré ${after.declaredLevel})`
      : 'plafond levé : les scans n’observent plus le problème';
  }
  if (before.declaredLevel !== after.declaredLevel)
    return `niveau déclaré passé de ${before.declaredLevel} à ${after.declaredLevel}`;
  if (before.effectiveLevel !== after.effectiveLevel)
    return `niveau retenu passé de ${before.effectiveLevel} à ${after.effectiveLevel}`;
  return 'poids relatif modifié par d’autres réponses (non applicable, profil)';
}

/** What moved between two snapshots of an establishment, and why, measure by measure. */
export function compareSnapshots(from: ScoreSnapshotResult, to: ScoreSnapshotResult): SnapshotComparison {
  const ids = [...new Set([...from.measures.map((m) => m.id), ...to.measures.map((m) => m.id)])].sort();
  const measures: MeasureMove[] = [];
  for (const id of ids) {
    const before = from.measures.find((m) => m.id === id);
    const after = to.measures.find((m) => m.id === id);
    const pointsDelta = round((before?.lostPoints ?? 0) - (after?.lostPoints ?? 0));
    const levelChanged = before?.effectiveLevel !== after?.effectiveLevel || before?.status !== after?.status;
    if (!levelChanged && pointsDelta === 0) continue;
    measures.push({
      measureId: id,
      title: (after ?? before)!.title,
      domain: (after ?? before)!.domain,
      fromLevel: before?.effectiveLevel ?? null,
      toLevel: after?.effectiveLevel ?? null,
      pointsDelta,
      why: why(before, after),
    });
  }
  measures.sort(
    (a, b) => Math.abs(b.pointsDelta) - Math.abs(a.pointsDelta) || a.measureId.localeCompare(b.measureId),
  );
  const domainIds = [...new Set([...from.domains.map((d) => d.id), ...to.domains.map((d) => d.id)])];
  return {
    overall: { from: from.overall, to: to.overall, delta: round(to.overall - from.overall) },
    tier: { from: from.tier.reached, to: to.tier.reached },
    domains: domainIds.map((id) => {
      const a = from.domains.find((d) => d.id === id);
      const b = to.domains.find((d) => d.id === id);
      const delta = a?.score != null && b?.score != null ? round(b.score - a.score) : null;
      return { id, title: (b ?? a)!.title, from: a?.score ?? null, to: b?.score ?? null, delta };
    }),
    measures,
    planChanged: from.planVersion !== to.planVersion,
    scoringChanged: from.scoringVersion !== to.scoringVersion,
  };
}
