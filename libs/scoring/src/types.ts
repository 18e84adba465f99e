import type { EstablishmentProfile, Level, Priority, SecurityPlan } from '@vigie/security-plan';

export type Answer =
  | { status: 'level'; level: Level; hasEvidence: boolean }
  | { status: 'dont_know' }
  | { status: 'not_applicable'; reason: string };

export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** An open finding from a scan, as the scoring sees it. */
export interface ObservedFinding {
  checkId: string;
  severity: FindingSeverity;
  title: string;
  /** What was scanned: host:port, domain, file name. */
  target: string;
}

export interface ScoringInput {
  plan: SecurityPlan;
  profile: EstablishmentProfile;
  answers: Record<string, Answer>;
  findings: ObservedFinding[];
}

export type MeasureStatus = 'level' | 'dont_know' | 'not_applicable' | 'unanswered' | 'excluded_by_profile';

export interface ContradictionFinding {
  checkId: string;
  severity: FindingSeverity;
  title: string;
  target: string;
}

export interface Contradiction {
  measureId: string;
  title: string;
  declaredLevel: Level;
  observedLevel: Level;
  findings: ContradictionFinding[];
}

export interface MeasureResult {
  id: string;
  domain: string;
  title: string;
  priority: Priority;
  tier: number;
  status: MeasureStatus;
  declaredLevel: Level | null;
  /** The level scored: the declared one, capped by findings; 0 for "don't know" and unanswered. */
  effectiveLevel: Level | null;
  /** priority factor × plan weight; 0 when the measure is out of the denominator. */
  weight: number;
  /** Overall points (out of 100) this measure loses against level 4. */
  lostPoints: number;
  evidenceMissing: boolean;
  capped: boolean;
}

export interface DomainResult {
  id: string;
  title: string;
  weight: number;
  /** 0-100, or null when no measure of the domain applies. */
  score: number | null;
  applicable: number;
  dontKnow: number;
  notApplicable: number;
  lostPoints: number;
}

export interface TierResult {
  /** Highest tier whose measures (and those of lower tiers) are all at level 3 or more; 0 when tier 1 is not. */
  reached: number;
  name: string | null;
  /** What stands between the establishment and the next tier. */
  next: {
    tier: number;
    name: string;
    unmet: { measureId: string; title: string; level: Level | null; priority: Priority }[];
  } | null;
  unmetPrerequisites: string[];
}

export interface RankedAction {
  rank: number;
  measureId: string;
  title: string;
  fromLevel: Level;
  toLevel: Level;
  /** Overall points gained. */
  gain: number;
  unlocksTier: number | null;
  label: string;
}

export interface ScoreSnapshotResult {
  scoringVersion: string;
  planVersion: string;
  inputHash: string;
  overall: number;
  tier: TierResult;
  confidence: { score: number; highLevels: number; withEvidence: number; withoutEvidence: string[] };
  domains: DomainResult[];
  measures: MeasureResult[];
  actions: RankedAction[];
  contradictions: Contradiction[];
  counts: {
    applicable: number;
    answered: number;
    dontKnow: number;
    notApplicable: number;
    unanswered: number;
    excludedByProfile: number;
  };
}
