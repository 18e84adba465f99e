export * from './dns-server';
export * from './test-config';
export * from './test-database';
export * from './tools';
export * from './silent-peer';
