export * from './compare';
export * from './engine';
export * from './types';
