import { Asset, buildDataSourceOptions, runMigrations } from '@vigie/database';
import { createTestDatabase, type TestDatabase, testDialect } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { seedRegions } from '../apps/api/src/seed/reference-data';
import { CanonicalIpv6AssetsPostgres1795446000000 } from '../libs/database/src/migrations/postgres/1795446000000-canonical-ipv6-assets';
import { CanonicalIpv6AssetsSqlite1795446000000 } from '../libs/database/src/migrations/sqlite/1795446000000-canonical-ipv6-assets';
import { seedTenants, type Tenants } from './support/tenants';

/** Assets registered before IPv6 was canonicalised keep whatever spelling their owner typed; the migration fixes them. */
describe(`canonical IPv6 asset values migration (${testDialect()})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let t: Tenants;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(buildDataSourceOptions(db.config)).initialize();
    await runMigrations(dataSource);
    await dataSource.transaction((manager) => seedRegions(manager));
    t = await seedTenants(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('rewrites each IPv6 value in RFC 5952 form, leaves other kinds alone, and never merges two assets', async () => {
    const repo = dataSource.getRepository(Asset);
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
    const seed = (establishmentId: string, kind: Asset['kind'], value: string, minutes: number) =>
      repo.save(
        repo.create({
          establishmentId,
          kind,
          value,
          verificationToken: 'token',
          createdAt: at(minutes),
        }),
      );
    const long = await seed(t.a1.id, 'ipv6', '2606:4700:4700:0:0:0:0:1111', 1);
    const padded = await seed(t.a1.id, 'ipv6', '2001:0DB8:0000:0000:0001:0000:0000:0001', 2);
    const canonical = await seed(t.a1.id, 'ipv6', '2a00:1450:4007:80f::200e', 3);
    // The same address twice in one establishment: the older gets the canonical value, the newer keeps its own.
    const older = await seed(t.a2.id, 'ipv6', '2606:4700:4700:0000::1111', 4);
    const newer = await seed(t.a2.id, 'ipv6', '2606:4700:4700:0:0:0:0:1111', 5);
    // Another establishment may hold the same address.
    const elsewhere = await seed(t.b1.id, 'ipv6', '2606:4700:4700:0:0:0:0:1111', 6);
    const hostname = await seed(t.a1.id, 'hostname', 'portail.ch-exemple.fr', 7);
    expect((await repo.findOneByOrFail({ id: newer.id })).createdAt).toEqual(at(5));

    const migration =
      testDialect() === 'postgres'
        ? new CanonicalIpv6AssetsPostgres1795446000000()
        : new CanonicalIpv6AssetsSqlite1795446000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      await migration.up(runner); // a second run finds nothing to do
    } finally {
      await runner.release();
    }

    const value = async (asset: Asset) => (await repo.findOneByOrFail({ id: asset.id })).value;
    expect(await value(long)).toBe('2606:4700:4700::1111');
    expect(await value(padded)).toBe('2001:db8::1:0:0:1');
    expect(await value(canonical)).toBe('2a00:1450:4007:80f::200e');
    expect(await value(older)).toBe('2606:4700:4700::1111');
    expect(await value(newer)).toBe('2606:4700:4700:0:0:0:0:1111');
    expect(await value(elsewhere)).toBe('2606:4700:4700::1111');
    expect(await value(hostname)).toBe('portail.ch-exemple.fr');
  });
});
