import type { AppConfig } from '@vigie/config';
import { createWorker, type RunningWorker } from '../../apps/worker/src/worker.factory';
import { LogCapture } from './api-harness';

/** The real worker, in this process, on the same database, Redis and queue prefix as the API under test. */
export async function startWorker(config: AppConfig): Promise<RunningWorker & { logs: LogCapture }> {
  const logs = new LogCapture();
  const worker = await createWorker({ ...config, logLevel: 'info' }, { logDestination: logs });
  return Object.assign(worker, { logs });
}
