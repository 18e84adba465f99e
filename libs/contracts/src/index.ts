export * from './housekeeping.job';
export * from './job-contracts';
export * from './job-ids';
export * from './queues';
export * from './schedules';
export * from './scoring.job';
export * from './scans.job';
