import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AccessKeys } from './access/access-keys';
import { isLoopbackHost, localModeLog, localModeOffLoopback } from './access/local-mode';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './http/create-app';
import { closeOnSignals } from './http/graceful-shutdown';

/** Why the server could not start, in one line a user can act on, or undefined for a bug (shown whole). */
function startFailure(error: unknown): string | undefined {
  if (error instanceof ConfigError) return `configuration: ${error.message}`;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === 'EADDRINUSE') return `cannot listen: ${message} (is another server on that port? set PORT)`;
  if (code === 'EACCES') return `cannot listen: ${message} (ports below 1024 need privileges; set PORT)`;
  if (typeof code === 'string' && /^(SQLITE_|ECONNREFUSED|ENOTFOUND|28P01|3D000)/.test(code)) return `cannot open the store: ${message}`;
  return undefined;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const access = app.get(AccessKeys);
  try {
    // Without keys anyone who reaches the server may write: only this machine may reach it.
    if (access.localMode && !isLoopbackHost(config.host)) throw new ConfigError(localModeOffLoopback(config.host));
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  closeOnSignals(app);
  const logger = new Logger('incident-log');
  logger.log(`listening on http://${config.host}:${config.port} (store: ${config.eventStore}, docs at /docs)`);
  if (access.localMode) logger.log(localModeLog(config.host));
  else logger.log(`access: ${access.activeKeyCount} active key(s); every route but /health and /docs needs "Authorization: Bearer <key>"`);
}

main().catch((error: unknown) => {
  // What the user can fix is said in one line, without a stack trace.
  console.error(startFailure(error) ?? error);
  process.exit(1);
});
