import type { Role } from '@vigie/database';

export const RESOURCES = [
  'region',
  'legal_entity',
  'ght',
  'establishment',
  'user',
  'api_key',
  'audit_event',
  'job',
  'security_plan',
  'assessment',
  'score',
  'asset',
  'scan',
  'config_file',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: Action[] = [...ACTIONS];

/**
 * What each role may do on each kind of resource, whoever owns it. Which instances it may touch (its
 * establishments, its region) is decided by the tenant scope; both are checked for every request.
 */
export const ROLE_PERMISSIONS: Record<Role, Partial<Record<Resource, Action[]>>> = {
  national_admin: Object.fromEntries(RESOURCES.map((r) => [r, ALL])),
  regional_analyst: {
    region: ['read'],
    legal_entity: ['read'],
    ght: ['read'],
    establishment: ['read'],
    user: ALL,
    api_key: ['read', 'create', 'delete'],
    audit_event: ['read'],
    // The jobs on their region's assessments and scans; the service filters by tenant.
    job: ['read'],
    security_plan: ['read'],
    assessment: ['read'],
    score: ['read'],
    asset: ['read', 'update'],
    // Analysts run scans during campaigns; the configurations stay the establishment's to manage.
    scan: ['read', 'create'],
    config_file: ['read'],
  },
  establishment_ciso: {
    region: ['read'],
    legal_entity: ['read'],
    ght: ['read'],
    establishment: ['read', 'update'],
    api_key: ['read', 'create', 'delete'],
    // The jobs on their establishments' assessments and scans (a rescore they asked for); the service filters.
    job: ['read'],
    security_plan: ['read'],
    assessment: ALL,
    score: ['read', 'create'],
    asset: ALL,
    scan: ['read', 'create'],
    config_file: ALL,
  },
};

/**
 * Machines never manage identities nor start platform jobs, whatever their key's scope; they may follow the jobs of
 * their scope (the rescore they asked for).
 */
const API_KEY_FORBIDDEN: Partial<Record<Resource, Action[]>> = {
  user: ALL,
  api_key: ALL,
  job: ['create', 'update', 'delete'],
};

export function apiKeyMay(action: Action, resource: Resource): boolean {
  return !API_KEY_FORBIDDEN[resource]?.includes(action);
}

export function roleMay(role: Role, action: Action, resource: Resource): boolean {
  return ROLE_PERMISSIONS[role][resource]?.includes(action) ?? false;
}
