// Used only by the TypeORM CLI (npm run migration:generate): DB_DIALECT picks the dialect and its folder.
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

const dialect = process.env.DB_DIALECT ?? 'sqlite';
export default new DataSource(
  buildDataSourceOptions(
    dialect === 'postgres'
      ? { type: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' }
      : { type: 'sqlite', path: process.env.SQLITE_PATH ?? 'data/migration-scratch.sqlite' },
  ),
);
