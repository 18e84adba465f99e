export * from './errors';
export * from './finess';
export * from './secrets';
export * from './establishment-categories';
export * from './check-finding';
