export * from './scan-creation';
export * from './scan-recovery';
export * from './scan-runs';
export * from './scan-states';
export * from './asset-reachability';
