export * from './address-policy';
export * from './resolve';
