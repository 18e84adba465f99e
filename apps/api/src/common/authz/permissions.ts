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

/**
 * `vouch` is its own action: an analyst's word that an asset belongs to an establishment makes it scannable
 * without touching anything else about it, so granting it must not grant `update`.
 */
export const ACTIONS = ['read', 'create', 'update', 'delete', 'vouch'] as const;
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
    // Analysts read assets and vouch for them; what is scanned (selectors, verification) is the establishment's.
    asset: ['read', 'vouch'],
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
    // A CISO proves ownership (DNS, well-known file); vouching is the regional analyst's word, not their own.
    asset: ['read', 'create', 'update', 'delete'],
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

/** Vouching is a person's word, recorded under their name: a key cannot give it. */
export const API_KEY_FORBIDDEN_ACTIONS: Action[] = ['vouch'];

export function roleMay(role: Role, action: Action, resource: Resource): boolean {
  return ROLE_PERMISSIONS[role][resource]?.includes(action) ?? false;
}
