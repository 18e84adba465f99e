process.env.TZ = 'UTC';

import { ConfigError, loadConfig } from '@vigie/config';
import { createWorker } from './worker.factory';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const worker = await createWorker(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void worker.drain().then(
        (outcome) => process.exit(outcome === 'drained' ? 0 : 1),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error('Vigie worker failed to start:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
