export * from './address-policy';
export * from './dns';
export * from './guarded-http';
export * from './resolve';
export * from './ip-address';
