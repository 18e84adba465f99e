import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { QueueName } from '@vigie/contracts';
import { queueDepthGauge } from '@vigie/observability';
import { JobProducer, RedisClient } from '@vigie/queue';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { WORKER_REGISTRY } from './worker-metrics';

/**
 * The worker's only HTTP surface: GET /health (database, Redis; 503 when one is down or while draining) and
 * GET /metrics (job durations and failures, queue depths) on WORKER_HEALTH_PORT.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;
  private draining = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_REGISTRY) private readonly registry: Registry,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
    producer: JobProducer,
  ) {
    queueDepthGauge(registry, () => Object.values(QueueName).map((name) => producer.queue(name)));
  }

  /** The port actually bound (WORKER_HEALTH_PORT=0 picks a free one). */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  markDraining() {
    this.draining = true;
  }

  async status() {
    const check = async (probe: () => Promise<unknown>) => {
      try {
        await probe();
        return { status: 'up' as const };
      } catch (error) {
        return { status: 'down' as const, error: (error as Error).message };
      }
    };
    const [database, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.redis.ping(1500)),
    ]);
    const ok = !this.draining && database.status === 'up' && redis.status === 'up';
    return {
      ok,
      body: {
        status: this.draining ? 'draining' : ok ? 'ok' : 'degraded',
        checks: { database, redis },
        pid: process.pid,
      },
    };
  }

  async onApplicationBootstrap() {
    this.server = createServer((req, res) => {
      const reply = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
      };
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET')
        return reply(
          405,
          'application/json',
          JSON.stringify({ statusCode: 405, error: 'Method Not Allowed', message: 'Only GET is served' }),
        );
      if (path === '/health') {
        void this.status().then(({ ok, body }) =>
          reply(ok ? 200 : 503, 'application/json', JSON.stringify(body)),
        );
      } else if (path === '/metrics') {
        void this.registry.metrics().then((text) => reply(200, this.registry.contentType, text));
      } else {
        reply(
          404,
          'application/json',
          JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Use /health or /metrics' }),
        );
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.worker.healthPort, '0.0.0.0', () => resolve());
    });
    this.logger.log(`Worker health on http://127.0.0.1:${this.port}/health`);
  }

  async onApplicationShutdown() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
