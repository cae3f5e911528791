/**
 * `node -r @swc-node/register bench/during-rebuild.ts`: what a rebuild of every projection costs
 * the appends the server takes meanwhile (SQLite). The log is written first (short incidents,
 * through the store); then the app runs in this process, as `npm start` runs it, and concurrent
 * single-event POSTs go to it for a few seconds with nothing else running, then for as long as
 * `engine.rebuild()` runs. Prints the latencies of both runs, how long the rebuild took, and the
 * longest the process's event loop was held up in each (the POSTs' client runs in it too).
 *
 *   node -r @swc-node/register bench/during-rebuild.ts [options]
 *     --events N   events in the log before the run (default 100,000)
 *     --lanes N    POSTs in flight at once (default 8)
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { loadConfig } from '../src/config/app-config';
import { createApp } from '../src/http/create-app';
import { ProjectionEngine } from '../src/projections/engine/projection-engine';
import { incidentStreamId, NO_STREAM, openAppStorage, registerSource, toAppend } from './lib/app-storage';
import { prepareApp } from './lib/http-runs';
import { SYNTHETIC_SOURCE_TEXT, syntheticIncident } from './synthetic-incidents';

const argv = process.argv.slice(2);
const count = (name: string, fallback: number): number => {
  const index = argv.indexOf(`--${name}`);
  const value = Number((index < 0 ? String(fallback) : argv[index + 1]).replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
};
for (const arg of argv) if (arg.startsWith('--') && !['--events', '--lanes'].includes(arg)) throw new Error(`unknown option ${arg} (see bench/during-rebuild.ts)`);
const EVENTS = count('events', 100_000);
const LANES = count('lanes', 8);
const IDLE_MS = 4_000;
/** Incidents the POSTs go to, in turn. */
const TARGETS = 50;

async function writeLog(env: Record<string, string>): Promise<void> {
  // Set-up, not what is measured: its commits need not wait for the disk.
  const storage = await openAppStorage({ ...env, SQLITE_SYNCHRONOUS: 'normal' });
  try {
    const sourceId = uuidv7();
    await registerSource(storage, sourceId, SYNTHETIC_SOURCE_TEXT);
    for (let written = 1, index = 0; written < EVENTS; index++) {
      const { incidentId, events } = syntheticIncident(index, sourceId);
      written += events.length;
      await storage.store.append(incidentStreamId(incidentId), toAppend(events), NO_STREAM);
    }
  } finally {
    await storage.close();
  }
}

/** POSTs from `LANES` lanes until `done` says so; answers each one's latency in ms, and the event loop's longest delay meanwhile. */
async function appendUntil(base: string, paths: readonly string[], body: string, done: () => boolean): Promise<{ latencies: number[]; loopDelayMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: LANES }, async () => {
    while (!done()) {
      const started = process.hrtime.bigint();
      const response = await fetch(base + paths[next++ % paths.length], { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }));
  loop.disable();
  return { latencies: latencies.sort((a, b) => a - b), loopDelayMs: loop.max / 1e6 };
}

const at = (sorted: number[], share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
const row = (label: string, { latencies, loopDelayMs }: { latencies: number[]; loopDelayMs: number }, ms: number): string =>
  `| ${label} | ${(ms / 1000).toFixed(1)} s | ${latencies.length.toLocaleString('en-US')} | ${Math.round(latencies.length / (ms / 1000)).toLocaleString('en-US')} | ` +
  `${at(latencies, 0.5).toFixed(1)} ms | ${at(latencies, 0.99).toFixed(1)} ms | ${latencies.at(-1)!.toFixed(0)} ms | ${loopDelayMs.toFixed(0)} ms |`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-log-during-rebuild-'));
  try {
    const env = { EVENT_STORE: 'sqlite', DATA_DIR: dir };
    await writeLog(env);
    Object.assign(process.env, env);
    const app = await createApp(loadConfig(), 'warn');
    try {
      await app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      const workload = await prepareApp(base, TARGETS);
      const idleStarted = Date.now();
      const idle = await appendUntil(base, workload.writePaths, workload.oneEvent, () => Date.now() - idleStarted >= IDLE_MS);
      const idleMs = Date.now() - idleStarted;
      let rebuilt = false;
      const started = Date.now();
      const rebuilding = app.get(ProjectionEngine).rebuild().finally(() => (rebuilt = true));
      const during = await appendUntil(base, workload.writePaths, workload.oneEvent, () => rebuilt);
      await rebuilding;
      console.log(`SQLite, a log of ${EVENTS.toLocaleString('en-US')} events; single-event POSTs, ${LANES} in flight\n`);
      console.log('| run | lasted | POSTs | per second | p50 | p99 | max | event loop held up, longest |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      console.log(row('nothing else running', idle, idleMs));
      console.log(row('while every projection is rebuilt', during, Date.now() - started));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
