import type { EstablishmentCategory } from '@vigie/common';

export const PRIORITIES = ['prerequisite', 'essential', 'enhanced'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LEVELS = [0, 1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

/** Level from which a measure counts as implemented: tiers and evidence are judged against it. */
export const IMPLEMENTED_LEVEL = 3;

export interface PlanTier {
  tier: number;
  name: string;
  description: string;
}

export interface PlanDomain {
  id: string;
  title: string;
  description: string;
  weight: number;
}

export interface Applicability {
  categories?: EstablishmentCategory[];
  minBeds?: number;
}

export interface PlanMappings {
  anssiHygiene: number[];
  nistCsf: string[];
  hhsCpg: string[];
}

export interface PlanMeasure {
  id: string;
  domain: string;
  title: string;
  rationale: string;
  question: string;
  levels: Record<Level, string>;
  priority: Priority;
  tier: number;
  weight: number;
  evidenceExpected: boolean;
  shortMode: boolean;
  applicability?: Applicability;
  mappings: PlanMappings;
  scanChecks: string[];
}

/** One version of the security plan, as written in config/security-plan/<version>.yaml. */
export interface SecurityPlan {
  version: string;
  title: string;
  description: string;
  publishedAt: string;
  tiers: PlanTier[];
  domains: PlanDomain[];
  measures: PlanMeasure[];
}

export type AssessmentMode = 'short' | 'full';

/** What decides which measures an establishment answers. */
export interface EstablishmentProfile {
  category: EstablishmentCategory;
  bedCount: number | null;
  mode: AssessmentMode;
}
