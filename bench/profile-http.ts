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
 *
 * The profile covers the measured run and its 1 s warm-up, not the set-up (registering the source,
 * opening the incidents).
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
const KNOWN = new Set(['--store', '--run', '--seconds', '--connections', '--top', '--out']);
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
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...where.env, CPU_PROFILE: file },
    });
    const exited = new Promise((done) => server.once('exit', done));
    const said = (what: string) => new Promise<unknown>((resolve) => server.on('message', (m: Record<string, unknown>) => what in m && resolve(m[what])));
    const base = `http://127.0.0.1:${await said('ready')}`;
    try {
      const workload = await prepareApp(base, 200);
      server.send('profile');
      await said('profiling');
      const settings = { seconds: count('seconds', 5), connections: count('connections', 32) };
      const figures = run === 'get'
        ? await hammer(base, settings, 'GET', workload.readPaths)
        : await hammer(base, settings, 'POST', workload.writePaths, run === 'one' ? workload.oneEvent : workload.hundredEvents);
      console.log(`${store}, ${run}: ${Math.round(figures.requestsPerSecond)} req/s · p50 ${figures.p50} ms · p99 ${figures.p99} ms` +
        (figures.failures > 0 ? ` · ${figures.failures} failed` : ''));
    } finally {
      server.send('stop');
      await exited;
    }
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
