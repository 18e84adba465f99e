import { createTestDatabase, type TestDatabase } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { isSqliteBusy, serializeSqliteTransactions } from './sqlite-transactions';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  /**
   * Two processes on one file (two connections here): one transaction reads, the other connection commits a
   * write, then the transaction writes. With a deferred BEGIN its snapshot is stale and the write fails at once.
   */
  const readThenWrite = (first: DataSource, second: DataSource) =>
    Promise.allSettled([
      first.transaction(async (manager) => {
        await manager.query('SELECT count(*) AS n FROM counter');
        await pause(60);
        await manager.query('INSERT INTO counter (n) VALUES (?)', [100]);
      }),
      pause(20).then(() => second.query('INSERT INTO counter (n) VALUES (?)', [200])),
    ]);

  it('fail with SQLITE_BUSY_SNAPSHOT when the other connection commits between a read and a write', async () => {
    const [first, second] = [await open(), await open()];
    const [transaction, write] = await readThenWrite(first, second);
    expect(write.status).toBe('fulfilled');
    expect(transaction.status).toBe('rejected');
    const error = (transaction as PromiseRejectedResult).reason;
    expect(isSqliteBusy(error)).toBe(true);
    expect(error.driverError.code).toBe('SQLITE_BUSY_SNAPSHOT');
    await Promise.all([first.destroy(), second.destroy()]);
  });

  it('take the write lock up front, so both commit: the other writer waits, then tries again', async () => {
    const [first, second] = [await open(), await open()];
    serializeSqliteTransactions(first);
    serializeSqliteTransactions(second);
    await first.query('DELETE FROM counter');
    const outcomes = await readThenWrite(first, second);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    const rows: { n: number }[] = await first.query('SELECT n FROM counter ORDER BY rowid');
    expect(rows.map((r) => r.n)).toEqual([100, 200]);
    await Promise.all([first.destroy(), second.destroy()]);
  });
});
