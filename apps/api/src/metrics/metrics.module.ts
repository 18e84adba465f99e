import { Module } from '@nestjs/common';
import { QueueName } from '@vigie/contracts';
import { createRegistry, httpMetrics, queueDepthGauge } from '@vigie/observability';
import { JobProducer } from '@vigie/queue';
import type { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller';
import { HTTP_METRICS, METRICS_REGISTRY } from './metrics.tokens';

@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: METRICS_REGISTRY,
      inject: [JobProducer],
      useFactory: (producer: JobProducer) => {
        const registry = createRegistry('api');
        queueDepthGauge(registry, () => Object.values(QueueName).map((name) => producer.queue(name)));
        return registry;
      },
    },
    {
      provide: HTTP_METRICS,
      inject: [METRICS_REGISTRY],
      useFactory: (registry: Registry) => httpMetrics(registry),
    },
  ],
  exports: [METRICS_REGISTRY, HTTP_METRICS],
})
export class MetricsModule {}
