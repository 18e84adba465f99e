export * from './dns-server';
export * from './test-config';
export * from './test-database';
