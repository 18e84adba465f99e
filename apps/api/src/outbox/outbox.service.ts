import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { InvalidJobPayloadError, type JobName, type JobPayload, parseJobPayload } from '@vigie/contracts';
import { JobOutbox } from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { DataSource, type EntityManager, IsNull } from 'typeorm';

const BATCH = 200;

/**
 * Jobs that must not be lost are written to the job_outbox table in the transaction of the change that needs
 * them, then sent to Redis: at once when it answers, otherwise by the poller once it is back.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  /** Records a job inside the caller's transaction. `jobId` makes sending it twice harmless. */
  async add<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayload<N>,
    jobId: string,
  ): Promise<void> {
    const data = parseJobPayload(name, payload);
    await manager.insert(JobOutbox, {
      jobName: name,
      payload: JSON.stringify(data),
      jobId,
      attempts: 0,
      dispatchedAt: null,
      lastError: null,
    });
  }

  /** Sends what is pending, oldest first; stops at the first Redis failure and leaves the rest for later. */
  dispatchPending(): Promise<number> {
    this.running ??= this.dispatch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async dispatch(): Promise<number> {
    const repo = this.dataSource.getRepository(JobOutbox);
    let sent = 0;
    for (;;) {
      const rows = await repo.find({ where: { dispatchedAt: IsNull() }, order: { id: 'ASC' }, take: BATCH });
      if (rows.length === 0) return sent;
      for (const row of rows) {
        try {
          await this.producer.enqueue(row.jobName as JobName, JSON.parse(row.payload), { jobId: row.jobId });
          await repo.update(
            { id: row.id },
            { dispatchedAt: new Date(), attempts: row.attempts + 1, lastError: null },
          );
          sent++;
        } catch (error) {
          // Redis errors are transient: stop and retry later. A payload that no longer passes its contract never
          // will: it is parked with its error (visible in the table) so it does not block the rows behind it.
          const unavailable = !(error instanceof InvalidJobPayloadError);
          await repo.update(
            { id: row.id },
            {
              attempts: row.attempts + 1,
              lastError: (error as Error).message.slice(0, 500),
              ...(unavailable ? {} : { dispatchedAt: new Date(0) }),
            },
          );
          this.logger.warn(
            `Job ${row.jobName} ${row.jobId} not sent${unavailable ? ', will retry' : ', parked'}: ${(error as Error).message}`,
          );
          if (unavailable) return sent;
        }
      }
      if (rows.length < BATCH) return sent;
    }
  }

  onApplicationBootstrap() {
    const tick = () => {
      void this.dispatchPending()
        .catch((error: Error) => this.logger.error(`Outbox dispatch failed: ${error.message}`))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(tick, this.config.outbox.pollMs);
          this.timer.unref();
        });
    };
    tick();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
