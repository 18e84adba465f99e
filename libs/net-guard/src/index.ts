export * from './address-policy';
export * from './dns';
export * from './guarded-http';
export * from './resolve';
