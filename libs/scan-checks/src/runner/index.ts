export * from './finding-identity';
export * from './plan-tasks';
export * from './run-check';
export * from './schedule';
export * from './families';
export * from './reachability';
