import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';

const ERROR_LOG_INTERVAL_MS = 30_000;
const logger = new Logger('Queue');
let lastErrorLog = 0;

/**
 * The queue class BullMQ builds for every registered queue. It listens for errors from the moment it exists:
 * a queue connects as soon as it is created, and an `error` event without a listener is printed by BullMQ as a
 * raw stack trace. With Redis down, one warning every 30 s is enough; health checks report the rest.
 */
export class LoggedQueue extends Queue {
  constructor(...args: ConstructorParameters<typeof Queue>) {
    super(...args);
    this.on('error', (error: Error) => {
      if (Date.now() - lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
      lastErrorLog = Date.now();
      logger.warn(`Queue ${this.name}: Redis error: ${error.message}`);
    });
  }
}
