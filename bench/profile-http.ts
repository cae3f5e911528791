/**
 * `node -r @swc-node/register bench/profile-http.ts`: a CPU profile of the app server while autocannon runs one of the
 * HTTP benchmark's loads against it, summarised as the functions with the most self time.
 *
 *   node -r @swc-node/register bench/profile-http.ts [options]
 *     --store sqlite|postgres   (default sqlite; PostgreSQL as `npm run bench` finds it)
 *     --run one|hundred|get     the load profiled (default one: single-event appends)
 *     --seconds S               the autocannon run (default 5, after 1 s of warm-up)
 *     --connections C           (default 32)
 *     --top N                   functions listed (default 25)
 *     --out DIR                 where the .cpuprofile is kept (default a temporary folder, printed)
 *     --no-profile              only the figures and the CPU time per request, without the profiler's own cost
 *
 * The profile covers the measured run alone, not the set-up (registering the source, opening the
 * incidents) nor a first, unmeasured run that warms the server up. Besides the wall-clock figures
 * (which move a lot on a shared machine) it reports the server's CPU time per request, steadier.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfTimeTable } from './lib/cpu-profile';
import { hammer, prepareApp } from './lib/http-runs';
import { cleanUp } from './lib/processes';
import { scratch, StoreKind } from './lib/scratch';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = argv.indexOf(`--${name}`);
  return index < 0 ? fallback : argv[index + 1];
};
const count = (name: string, fallback: number): number => {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
};
const KNOWN = new Set(['--store', '--run', '--seconds', '--connections', '--top', '--out', '--no-profile']);
const PROFILE = !argv.includes('--no-profile');
for (const arg of argv) if (arg.startsWith('--') && !KNOWN.has(arg)) throw new Error(`unknown option ${arg} (see bench/profile-http.ts)`);
const store = option('store', 'sqlite') as StoreKind;
if (store !== 'sqlite' && store !== 'postgres') throw new Error('--store takes sqlite or postgres');
const run = option('run', 'one');
if (!['one', 'hundred', 'get'].includes(run)) throw new Error('--run takes one, hundred or get');

async function main(): Promise<void> {
  const out = option('out', '') || mkdtempSync(join(tmpdir(), 'incident-log-http-profile-'));
  mkdirSync(out, { recursive: true });
  const file = join(out, `http-${run}-${store}.cpuprofile`);
  const where = await scratch(store, 'http-profile');
  try {
    const server = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'workers', 'app-server.worker.ts')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...where.env, ...(PROFILE ? { CPU_PROFILE: file } : {}) },
    });
    const exited = new Promise((done) => server.once('exit', done));
    /** The next value the server sends under this name. */
    const said = (what: string) => new Promise<unknown>((resolve) => {
      const listen = (message: Record<string, unknown>) => {
        if (!(what in message)) return;
        server.off('message', listen);
        resolve(message[what]);
      };
      server.on('message', listen);
    });
    const base = `http://127.0.0.1:${await said('ready')}`;
    try {
      const workload = await prepareApp(base, 200);
      const settings = { seconds: count('seconds', 5), connections: count('connections', 32) };
      const load = (warmUpSeconds: number) => run === 'get'
        ? hammer(base, settings, 'GET', workload.readPaths, undefined, warmUpSeconds)
        : hammer(base, settings, 'POST', workload.writePaths, run === 'one' ? workload.oneEvent : workload.hundredEvents, warmUpSeconds);
      await load(0);
      server.send('profile');
      await said('profiling');
      const figures = await load(0);
      server.send('cpu');
      const cpuMs = (await said('cpuMs')) as number;
      const requests = figures.requests + figures.failures;
      console.log(`${store}, ${run}: ${Math.round(figures.requestsPerSecond)} req/s · p50 ${figures.p50} ms · p99 ${figures.p99} ms` +
        (figures.failures > 0 ? ` · ${figures.failures} failed` : '') + ` · server CPU ${(cpuMs / requests).toFixed(2)} ms per request` + (PROFILE ? ' (profiler on)' : ''));
    } finally {
      server.send('stop');
      await exited;
    }
    if (!PROFILE) return;
    console.log(`profile ${file}\n`);
    console.log(selfTimeTable(file, count('top', 25)));
  } finally {
    await where.dispose();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
