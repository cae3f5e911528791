/**
 * The app as `node dist/main.js` runs it (loadConfig + createApp), on a free port; the environment
 * names the store. The message 'profile' starts counting CPU time, and 'cpu' is answered with the
 * CPU time (ms, every thread) used since. With CPU_PROFILE set to a file, 'profile' also starts the
 * CPU profiler and 'stop' writes the profile there (`node --cpu-prof` is refused in NODE_OPTIONS).
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/http/create-app';
import { startCpuProfile } from '../lib/cpu-profile';

process.on('disconnect', () => process.exit(1));

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, 'warn');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  let profiler: Promise<{ stop(): Promise<void> }> | null = null;
  let cpuSince = process.cpuUsage();
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage(cpuSince);
      process.send!({ cpuMs: (user + system) / 1000 });
    }
    if (message === 'profile') {
      cpuSince = process.cpuUsage();
      if (process.env.CPU_PROFILE) profiler ??= startCpuProfile(process.env.CPU_PROFILE);
      Promise.resolve(profiler).then(() => process.send!({ profiling: true }), (error: unknown) => console.error(error));
    }
    if (message !== 'stop') return;
    Promise.resolve(profiler?.then((running) => running.stop()))
      .then(() => app.close())
      .then(() => process.exit(0), (error: unknown) => {
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
