import { createTestDatabase, type TestDatabase } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { serializeSqliteTransactions } from './sqlite-transactions';

describe('SQLite transactions from concurrent callers', () => {
  let db: TestDatabase;
  const open = async () => {
    const dataSource = await new DataSource(buildDataSourceOptions(db.config)).initialize();
    await dataSource.query('CREATE TABLE IF NOT EXISTS counter (n INTEGER NOT NULL)');
    return dataSource;
  };
  // Two transactions that yield to each other halfway, as two requests or two jobs do.
  const concurrently = (dataSource: DataSource) =>
    Promise.allSettled(
      [1, 2].map((n) =>
        dataSource.transaction(async (manager) => {
          await manager.query('INSERT INTO counter (n) VALUES (?)', [n]);
          await new Promise((resolve) => setTimeout(resolve, 20));
          await manager.query('INSERT INTO counter (n) VALUES (?)', [n * 10]);
        }),
      ),
    );

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(() => db.drop());

  it('nest and fail on the shared connection without serialisation', async () => {
    const dataSource = await open();
    const outcomes = await concurrently(dataSource);
    expect(outcomes.map((o) => o.status)).toContain('rejected');
    await dataSource.destroy();
  });

  it('all commit, one after the other, once serialised', async () => {
    const dataSource = await open();
    await dataSource.query('DELETE FROM counter');
    serializeSqliteTransactions(dataSource);
    const outcomes = await concurrently(dataSource);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    const rows: { n: number }[] = await dataSource.query('SELECT n FROM counter ORDER BY rowid');
    expect(rows.map((r) => r.n)).toEqual([1, 10, 2, 20]);
    await dataSource.destroy();
  });
});
