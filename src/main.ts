import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './http/create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const logger = new Logger('incident-log');
  logger.log(`listening on http://${config.host}:${config.port} (store: ${config.eventStore}, docs at /docs)`);
}

main().catch((error: unknown) => {
  // A bad setting is the user's to fix: say which, without a stack trace.
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : error);
  process.exit(1);
});
