import { createRegistry, jobMetrics } from '@vigie/observability';

export const WORKER_REGISTRY = Symbol('WORKER_REGISTRY');
export const JOB_METRICS = Symbol('JOB_METRICS');
export type JobMetrics = ReturnType<typeof jobMetrics>;

export function workerMetricsProviders() {
  const registry = createRegistry('worker');
  return [
    { provide: WORKER_REGISTRY, useValue: registry },
    { provide: JOB_METRICS, useValue: jobMetrics(registry) },
  ];
}
