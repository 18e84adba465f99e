import type { EstablishmentProfile, PlanMeasure, SecurityPlan } from './types';

export type Inapplicability = 'short_mode' | 'category' | 'size';

/** Why a measure does not apply to this profile, or null when it does. */
export function inapplicability(measure: PlanMeasure, profile: EstablishmentProfile): Inapplicability | null {
  if (profile.mode === 'short' && !measure.shortMode) return 'short_mode';
  const rule = measure.applicability;
  if (rule?.categories && !rule.categories.includes(profile.category)) return 'category';
  if (rule?.minBeds !== undefined && (profile.bedCount ?? 0) < rule.minBeds) return 'size';
  return null;
}

export function applicableMeasures(plan: SecurityPlan, profile: EstablishmentProfile): PlanMeasure[] {
  return plan.measures.filter((m) => inapplicability(m, profile) === null);
}

/** Small structures answer the short questionnaire by default; CHUs, CHs, CLCCs, ESPICs and big sites the full plan. */
export function defaultMode(profile: Omit<EstablishmentProfile, 'mode'>): EstablishmentProfile['mode'] {
  if (['chu', 'ch', 'clcc', 'espic'].includes(profile.category)) return 'full';
  return (profile.bedCount ?? 0) >= 150 ? 'full' : 'short';
}
