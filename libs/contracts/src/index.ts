export * from './housekeeping.job';
export * from './job-contracts';
export * from './queues';
export * from './scoring.job';
export * from './scans.job';
