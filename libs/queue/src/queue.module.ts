import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { QueueName } from '@vigie/contracts';
import type { ConnectionOptions } from 'bullmq';
import { JobProducer } from './job-producer';
import { LoggedQueue } from './logged-queue';
import { RedisClient } from './redis-client';
import { redisOptionsFromUrl } from './redis-connection';

@Module({})
export class QueueModule {
  /** Registers every queue of the contracts on the configured Redis. */
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    BullModule.queueClass = LoggedQueue;
    const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            // ioredis options; BullMQ's own RedisOptions type is narrower than what it accepts at run time.
            connection: redisOptionsFromUrl(config.redis.url, role) as ConnectionOptions,
            prefix: config.queue.prefix,
          }),
        }),
        ...queues,
      ],
      providers: [JobProducer, RedisClient],
      exports: [JobProducer, RedisClient, ...queues],
    };
  }
}
