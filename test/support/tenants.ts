import { Establishment, Ght, LegalEntity, User, UserEstablishment } from '@vigie/database';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/auth/passwords';

export const PASSWORD = 'password-for-tests-2026';

/**
 * Two regions with their own establishments and people:
 * Île-de-France (11): establishments A1 and A2, analyst11, cisoA (A1 only).
 * Corse (94): establishment B1, analyst94, cisoB (B1).
 */
export interface Tenants {
  legalEntityA: LegalEntity;
  legalEntityB: LegalEntity;
  ghtA: Ght;
  ghtB: Ght;
  a1: Establishment;
  a2: Establishment;
  b1: Establishment;
  analyst11: User;
  analyst94: User;
  cisoA: User;
  cisoB: User;
}

export async function seedTenants(dataSource: DataSource): Promise<Tenants> {
  const passwordHash = await hashPassword(PASSWORD);
  return dataSource.transaction(async (m) => {
    const legalEntityA = await m.save(
      m.create(LegalEntity, {
        finess: '750712184',
        name: 'AP-HP',
        legalStatus: 'public',
        regionCode: '11',
        departementCode: '75',
      }),
    );
    const legalEntityB = await m.save(
      m.create(LegalEntity, {
        finess: '2A0000014',
        name: 'CH Ajaccio',
        legalStatus: 'public',
        regionCode: '94',
        departementCode: '2A',
      }),
    );
    const ghtA = await m.save(m.create(Ght, { name: 'GHT Paris', regionCode: '11' }));
    const ghtB = await m.save(m.create(Ght, { name: 'GHT Corse', regionCode: '94' }));
    const site = (
      finess: string,
      name: string,
      le: LegalEntity,
      ght: Ght,
      regionCode: string,
      departementCode: string,
    ) =>
      m.save(
        m.create(Establishment, {
          finess,
          name,
          category: 'ch',
          legalEntityId: le.id,
          ghtId: ght.id,
          regionCode,
          departementCode,
          bedCount: 100,
        }),
      );
    const a1 = await site('750100125', 'Pitié-Salpêtrière', legalEntityA, ghtA, '11', '75');
    const a2 = await site('920000015', 'Clinique A2', legalEntityA, ghtA, '11', '92');
    const b1 = await site('2A0000030', 'CH Ajaccio site B1', legalEntityB, ghtB, '94', '2A');
    const user = (email: string, role: User['role'], regionCode: string | null) =>
      m.save(m.create(User, { email, displayName: email.split('@')[0], passwordHash, role, regionCode }));
    const analyst11 = await user('analyst11@test.fr', 'regional_analyst', '11');
    const analyst94 = await user('analyst94@test.fr', 'regional_analyst', '94');
    const cisoA = await user('ciso.a@test.fr', 'establishment_ciso', null);
    const cisoB = await user('ciso.b@test.fr', 'establishment_ciso', null);
    await m.insert(UserEstablishment, [
      { userId: cisoA.id, establishmentId: a1.id },
      { userId: cisoB.id, establishmentId: b1.id },
    ]);
    return { legalEntityA, legalEntityB, ghtA, ghtB, a1, a2, b1, analyst11, analyst94, cisoA, cisoB };
  });
}
