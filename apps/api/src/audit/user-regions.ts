import { Establishment, type User, UserEstablishment } from '@vigie/database';
import type { EntityManager } from 'typeorm';

/**
 * The regions whose analysts follow a user: an analyst's own region, or the regions of a CISO's
 * establishments (several when they cover sites of different regions). Admins belong to no region.
 */
export async function regionCodesOfUser(
  manager: EntityManager,
  user: Pick<User, 'id' | 'role' | 'regionCode'>,
): Promise<string[]> {
  if (user.role === 'regional_analyst') return user.regionCode ? [user.regionCode] : [];
  if (user.role !== 'establishment_ciso') return [];
  const rows = await manager
    .createQueryBuilder(Establishment, 'e')
    .select('DISTINCT e.regionCode', 'regionCode')
    .innerJoin(UserEstablishment, 'ue', 'ue.establishmentId = e.id')
    .where('ue.userId = :userId', { userId: user.id })
    .orderBy('e.regionCode', 'ASC')
    .getRawMany<{ regionCode: string }>();
  return rows.map((r) => r.regionCode);
}
