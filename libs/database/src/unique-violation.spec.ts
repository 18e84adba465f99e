import { createTestDatabase, type TestDatabase } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { isUniqueViolation, uniqueViolationTable, violatesUniqueIndex } from './unique-violation';

describe('violatesUniqueIndex: which unique index a failed write violated', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const failure = async (sql: string) => {
    try {
      await dataSource.query(sql);
    } catch (error) {
      return error;
    }
    throw new Error(`${sql} succeeded`);
  };
  const draft = { name: 'UQ_pair_one_draft', table: 'pair', columns: ['ownerId'] };
  const code = { name: 'UQ_pair_code', table: 'pair', columns: ['code'] };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(buildDataSourceOptions(db.config)).initialize();
    await dataSource.query(
      'CREATE TABLE pair ("ownerId" integer NOT NULL, code varchar(8) NOT NULL, status varchar(8) NOT NULL)',
    );
    await dataSource.query(
      `CREATE UNIQUE INDEX "UQ_pair_one_draft" ON pair ("ownerId") WHERE status = 'draft'`,
    );
    await dataSource.query('CREATE UNIQUE INDEX "UQ_pair_code" ON pair (code)');
    await dataSource.query('CREATE TABLE keyed (id integer PRIMARY KEY, label varchar(8))');
    await dataSource.query(`INSERT INTO keyed (id, label) VALUES (1, 'x')`);
    await dataSource.query(`INSERT INTO pair ("ownerId", code, status) VALUES (1, 'a', 'draft')`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('names the index that was violated, and only that one', async () => {
    const secondDraft = await failure(`INSERT INTO pair ("ownerId", code, status) VALUES (1, 'b', 'draft')`);
    expect(violatesUniqueIndex(secondDraft, draft)).toBe(true);
    expect(violatesUniqueIndex(secondDraft, code)).toBe(false);

    const sameCode = await failure(`INSERT INTO pair ("ownerId", code, status) VALUES (2, 'a', 'draft')`);
    expect(violatesUniqueIndex(sameCode, code)).toBe(true);
    expect(violatesUniqueIndex(sameCode, draft)).toBe(false);
  });

  it('is false for failures that are no unique violation', async () => {
    const missing = await failure(`INSERT INTO pair ("ownerId", code, status) VALUES (3, NULL, 'draft')`);
    expect(violatesUniqueIndex(missing, draft)).toBe(false);
    expect(violatesUniqueIndex(new Error('database is locked'), draft)).toBe(false);
  });

  it('names the table of the unique index or primary key that was hit, on both dialects', async () => {
    const partial = { UQ_pair_one_draft: 'pair' };
    const secondDraft = await failure(`INSERT INTO pair ("ownerId", code, status) VALUES (1, 'c', 'draft')`);
    expect(uniqueViolationTable(secondDraft, partial)).toBe('pair');
    const sameCode = await failure(`INSERT INTO pair ("ownerId", code, status) VALUES (4, 'a', 'done')`);
    expect(uniqueViolationTable(sameCode)).toBe('pair');
    const sameKey = await failure(`INSERT INTO keyed (id, label) VALUES (1, 'y')`);
    expect(uniqueViolationTable(sameKey)).toBe('keyed');
    expect([secondDraft, sameCode, sameKey].map(isUniqueViolation)).toEqual([true, true, true]);
    const missing = await failure(`INSERT INTO pair ("ownerId", code, status) VALUES (5, NULL, 'draft')`);
    expect(uniqueViolationTable(missing)).toBeNull();
    expect(isUniqueViolation(missing)).toBe(false);
    expect(uniqueViolationTable(new Error('database is locked'))).toBeNull();
  });
});
