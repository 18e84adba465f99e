process.env.TZ = 'UTC';

import { type AppConfig, ConfigError, loadConfig } from '@vigie/config';
import { createWorker, type RunningWorker } from './worker.factory';

async function main() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Listen before starting: a job can begin before createWorker() returns, and a SIGTERM must then drain it
  // rather than kill the process with the default action.
  const running: { worker?: RunningWorker; stopRequested: boolean } = { stopRequested: false };
  const stop = () => {
    running.stopRequested = true;
    if (!running.worker) return;
    void running.worker.drain().then(
      (outcome) => process.exit(outcome === 'drained' ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  running.worker = await createWorker(config);
  if (running.stopRequested) stop();
}

main().catch((error: unknown) => {
  console.error('Vigie worker failed to start:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
