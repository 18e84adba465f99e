import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';
import { runMigrations, waitForSchema } from './migrate';
import { serializeSqliteTransactions } from './sqlite-transactions';

export interface DatabaseModuleOptions {
  /** The API owns the schema and migrates it; the worker waits for it. */
  schema: 'migrate' | 'wait';
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => buildDataSourceOptions(config.database),
          dataSourceFactory: async (dsOptions) => {
            const dataSource = await new DataSource(dsOptions!).initialize();
            serializeSqliteTransactions(dataSource);
            if (options.schema === 'migrate') await runMigrations(dataSource);
            else await waitForSchema(dataSource);
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      exports: [TypeOrmModule],
    };
  }
}
