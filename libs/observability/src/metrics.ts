import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface QueueCountsSource {
  name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused', 'prioritized'];

/** One registry per process (not the global one), so tests can build several apps side by side. */
export function createRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export function httpMetrics(registry: Registry) {
  return {
    requests: new Counter({
      name: 'vigie_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'vigie_http_request_duration_seconds',
      help: 'HTTP request duration in seconds',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/** Queue depths are read from Redis when Prometheus scrapes, not kept up to date in between. */
export function queueDepthGauge(registry: Registry, queues: () => QueueCountsSource[]) {
  return new Gauge({
    name: 'vigie_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues().map(async (queue) => {
          let timer: NodeJS.Timeout | undefined;
          try {
            const counts = await Promise.race([
              queue.getJobCounts(...QUEUE_STATES),
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new Error('Redis did not answer')), 1000);
              }),
            ]);
            for (const [state, count] of Object.entries(counts))
              this.set({ queue: queue.name, state }, count);
          } catch {
            // Redis down: the health endpoint reports it; the scrape still answers with the other metrics.
          } finally {
            clearTimeout(timer);
          }
        }),
      );
    },
  });
}

export function jobMetrics(registry: Registry) {
  return {
    duration: new Histogram({
      name: 'vigie_job_duration_seconds',
      help: 'Job processing time in seconds, by job name and outcome',
      labelNames: ['name', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    failures: new Counter({
      name: 'vigie_job_failures_total',
      help: 'Failed job attempts, by job name and whether the job will be retried',
      labelNames: ['name', 'final'] as const,
      registers: [registry],
    }),
  };
}
