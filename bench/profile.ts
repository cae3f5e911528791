/**
 * `npm run bench:profile`: a CPU profile of one replay (engine.rebuild() of every projection),
 * summarised as the functions with the most self time.
 *
 *   npm run bench:profile [-- options]
 *     --store sqlite|postgres   (default sqlite; PostgreSQL as `npm run bench` finds it)
 *     --per-incident N          events per incident (default 5,000; 10 for short synthetic incidents)
 *     --events N                events in the log (default 30,000)
 *     --top N                   functions listed (default 25)
 *     --out DIR                 where the .cpuprofile is kept (default a temporary folder, printed)
 *
 * The log is generated first in a process of its own; the profile covers the rebuild alone (the
 * inspector's profiler, started and stopped around it in the rebuild's process).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfTimeTable } from './lib/cpu-profile';
import { cleanUp, runWorker } from './lib/processes';
import { scratch, StoreKind } from './lib/scratch';
import type { ReplayInput, StepResult } from './workers/replay.worker';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = argv.indexOf(`--${name}`);
  return index < 0 ? fallback : argv[index + 1];
};
const count = (name: string, fallback: number): number => {
  const value = Number(option(name, String(fallback)).replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
};
const KNOWN = new Set(['--store', '--per-incident', '--events', '--top', '--out']);
for (const arg of argv) if (arg.startsWith('--') && !KNOWN.has(arg)) throw new Error(`unknown option ${arg} (see bench/profile.ts)`);
const store = option('store', 'sqlite') as StoreKind;
if (store !== 'sqlite' && store !== 'postgres') throw new Error('--store takes sqlite or postgres');

async function main(): Promise<void> {
  const out = option('out', '') || mkdtempSync(join(tmpdir(), 'incident-log-profile-'));
  mkdirSync(out, { recursive: true });
  const where = await scratch(store, 'profile');
  try {
    const input: ReplayInput = {
      step: 'generate', kind: store, env: where.env, dir: where.dir, url: where.url, events: count('events', 30_000), perIncident: count('per-incident', 5_000),
    };
    const generated = await runWorker<StepResult>('replay.worker.ts', input);
    console.error(`generated ${generated.events.toLocaleString('en-US')} events; rebuilding under the profiler`);
    const file = join(out, `rebuild-${store}-${input.perIncident}.cpuprofile`);
    const rebuilt = await runWorker<StepResult>('replay.worker.ts', { ...input, step: 'rebuild', profile: file });
    console.log(`${store}, ${input.perIncident.toLocaleString('en-US')} events per incident: rebuilt ${rebuilt.events.toLocaleString('en-US')} events in ` +
      `${(rebuilt.ms / 1000).toFixed(1)} s (${Math.round(rebuilt.events / (rebuilt.ms / 1000)).toLocaleString('en-US')} events/s); profile ${file}\n`);
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
