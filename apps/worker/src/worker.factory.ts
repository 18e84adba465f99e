import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@vigie/config';
import { createLogger, PinoNestLogger } from '@vigie/observability';
import type pino from 'pino';
import { WorkerHealthServer } from './health/worker-health.server';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { ScansProcessor } from './scans/scans.processor';
import { ScoringProcessor } from './scoring/scoring.processor';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  /** Stops taking jobs and waits for active ones up to the timeout, then releases them (BullMQ retries them elsewhere). */
  drain(timeoutMs?: number): Promise<'drained' | 'released'>;
}

export async function createWorker(
  config: AppConfig,
  options: { logDestination?: pino.DestinationStream } = {},
): Promise<RunningWorker> {
  const logger = createLogger({ level: config.logLevel, app: 'worker', destination: options.logDestination });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await app.init();

  let draining: Promise<'drained' | 'released'> | undefined;
  const drain = (timeoutMs = config.worker.shutdownTimeoutMs) => {
    draining ??= (async () => {
      app.get(WorkerHealthServer).markDraining();
      const workers = [
        app.get(MaintenanceProcessor).worker,
        app.get(ScoringProcessor).worker,
        app.get(ScansProcessor).worker,
      ];
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        Promise.all(workers.map((w) => w.close())).then(() => 'drained' as const),
        new Promise<'released'>((resolve) => {
          timer = setTimeout(() => resolve('released'), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (outcome === 'released') {
        logger.warn({ timeoutMs }, 'active jobs did not finish in time: releasing them to be retried');
        await Promise.all(workers.map((w) => w.close(true)));
      }
      await app.close();
      logger.info({ outcome }, 'worker stopped');
      return outcome;
    })();
    return draining;
  };
  return { app, drain };
}
