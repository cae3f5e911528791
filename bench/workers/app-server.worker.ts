/** The app as `node dist/main.js` runs it (loadConfig + createApp), on a free port; the environment names the store. */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/http/create-app';

process.on('disconnect', () => process.exit(1));

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, 'warn');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.on('message', (message) => {
    if (message !== 'stop') return;
    app.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  process.send!({ ready: port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
