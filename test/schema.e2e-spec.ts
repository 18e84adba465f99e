import { buildDataSourceOptions, runMigrations } from '@vigie/database';
import { createTestDatabase, postgresReachable, type TestDatabase } from '@vigie/testing';
import { DataSource } from 'typeorm';

/**
 * Each migration set must yield exactly the schema the entities describe: after migrating, TypeORM's schema
 * builder finds nothing left to change. Both dialects are checked in every pass; PostgreSQL whenever reachable
 * (and `npm test` in CI requires it).
 */
describe.each(['sqlite', 'postgres'] as const)('migrations on %s', (dialect) => {
  let db: TestDatabase | undefined;
  let dataSource: DataSource;
  let skip = false;

  beforeAll(async () => {
    if (dialect === 'postgres' && !(await postgresReachable())) {
      if (process.env.VIGIE_REQUIRE_POSTGRES === '1')
        throw new Error('PostgreSQL is required (VIGIE_REQUIRE_POSTGRES=1) but unreachable');
      skip = true;
      return;
    }
    db = await createTestDatabase(dialect);
    dataSource = await new DataSource(buildDataSourceOptions(db.config)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('migrates an empty database and leaves nothing for the entities to change', async () => {
    if (skip) return;
    const applied = await runMigrations(dataSource);
    expect(applied.length).toBeGreaterThanOrEqual(2);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(await runMigrations(dataSource)).toEqual([]);
  });

  it('keeps the audit log append-only: UPDATE and DELETE are refused by the database', async () => {
    if (skip) return;
    const p = dialect === 'postgres' ? (i: number) => `$${i}` : () => '?';
    await dataSource.query(
      `INSERT INTO audit_event ("actorType", "action", "resourceType") VALUES (${p(1)}, ${p(2)}, ${p(3)})`,
      ['system', 'test.event', 'test'],
    );
    await expect(dataSource.query(`UPDATE audit_event SET "action" = 'tampered'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    const rows = await dataSource.query(`SELECT "action" FROM audit_event`);
    expect(rows).toEqual([{ action: 'test.event' }]);
  });

  it('reverts every migration cleanly', async () => {
    if (skip) return;
    const count = (await dataSource.query(`SELECT COUNT(*) AS n FROM schema_migration`))[0].n;
    for (let i = 0; i < Number(count); i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const runner = dataSource.createQueryRunner();
    const left = [];
    for (const { tableName } of dataSource.entityMetadatas)
      if (await runner.hasTable(tableName)) left.push(tableName);
    await runner.release();
    expect(left).toEqual([]);
  });
});
