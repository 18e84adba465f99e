export * from './data-source-options';
export * from './database.module';
export * from './entities';
export * from './migrate';
export * from './scan-lifecycle';
export * from './sqlite-transactions';
export * from './unique-violation';
