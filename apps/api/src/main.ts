process.env.TZ = 'UTC';

import { ConfigError, loadConfig } from '@vigie/config';
import { createApiApp } from './app.factory';

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
  const app = await createApiApp(config);
  await app.listen(config.api.port);
  console.log(
    JSON.stringify({ level: 'info', app: 'api', msg: `Vigie API listening on port ${config.api.port}` }),
  );
}

main().catch((error: unknown) => {
  console.error('Vigie API failed to start:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
