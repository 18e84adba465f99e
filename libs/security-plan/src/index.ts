export * from './applicability';
export * from './load';
export * from './progress';
export * from './types';
export * from './validate';
