import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from './principal';

/**
 * The one place that says which establishments a caller may see. Every query on tenant data goes through
 * these helpers, so a resource outside the scope is simply not found (404, no existence leak).
 */
export type EstablishmentScope =
  { kind: 'all' } | { kind: 'region'; regionCode: string } | { kind: 'establishments'; ids: string[] };

export function establishmentScope(principal: Principal): EstablishmentScope {
  switch (principal.role) {
    case 'national_admin':
      return { kind: 'all' };
    case 'regional_analyst':
      return { kind: 'region', regionCode: principal.regionCode ?? '__none__' };
    case 'establishment_ciso':
      return { kind: 'establishments', ids: principal.establishmentIds };
  }
}

export function inEstablishmentScope(
  principal: Principal,
  establishment: { id: string; regionCode: string },
) {
  const scope = establishmentScope(principal);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return establishment.regionCode === scope.regionCode;
    case 'establishments':
      return scope.ids.includes(establishment.id);
  }
}

/**
 * Restricts a query to the caller's establishments. `alias` is the establishment alias in the query; it
 * needs `id` and `regionCode` columns.
 */
export function whereEstablishmentInScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  const scope = establishmentScope(principal);
  switch (scope.kind) {
    case 'all':
      return qb;
    case 'region':
      return qb.andWhere(`${alias}.regionCode = :scopeRegion`, { scopeRegion: scope.regionCode });
    case 'establishments':
      return scope.ids.length === 0
        ? qb.andWhere('1 = 0')
        : qb.andWhere(`${alias}.id IN (:...scopeEstablishments)`, { scopeEstablishments: scope.ids });
  }
}

/** Region-level data (GHTs, audit events of a region): admins see all, analysts their region. */
export function regionCodesInScope(principal: Principal): string[] | 'all' {
  if (principal.role === 'national_admin') return 'all';
  return principal.regionCode ? [principal.regionCode] : [];
}
