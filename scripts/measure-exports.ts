/**
 * How long the exports take on many incidents: writes N synthetic incidents (bench/synthetic-incidents.ts,
 * about 9 events each) into a SQLite store once, starts the server on it, and times each export
 * downloaded whole over HTTP. A measurement, not a test: it prints figures.
 *
 *   node -r @swc-node/register scripts/measure-exports.ts --data DIR [--incidents 100000] [--runs 1]
 *   (add --max-old-space-size=64 before -r to cap the JS heap, as the README's memory figures do)
 *
 * DIR is kept: a second run on it skips the writing (compare two versions of the code on the same log).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { NO_STREAM, incidentStreamId, openAppStorage, registerSource, toAppend } from '../bench/lib/app-storage';
import { SYNTHETIC_SOURCE_TEXT, syntheticIncident } from '../bench/synthetic-incidents';
import { loadConfig } from '../src/config/app-config';
import { SQLITE_FILE_NAME } from '../src/infrastructure/storage';
import { createApp } from '../src/http/create-app';

const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const dataDir = option('data', '');
const incidents = Number(option('incidents', '100000'));
const runs = Number(option('runs', '1'));
if (!dataDir) throw new Error('--data DIR is required');
const env = { DATA_DIR: dataDir, EVENT_STORE: 'sqlite', SQLITE_SYNCHRONOUS: 'normal' };

/** Four appends in flight, as the replay benchmark writes. */
async function write(): Promise<void> {
  const storage = await openAppStorage(env);
  try {
    const sourceId = uuidv7();
    await registerSource(storage, sourceId, SYNTHETIC_SOURCE_TEXT);
    let next = 0;
    const started = Date.now();
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < incidents) {
        const { incidentId, events } = syntheticIncident(next++, sourceId);
        await storage.store.append(incidentStreamId(incidentId), toAppend(events), NO_STREAM);
        if (next % 10_000 === 0) console.log(`  written ${next} incidents (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }));
    console.log(`wrote ${incidents} incidents, ${await storage.store.headPosition()} events, in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await storage.close();
  }
}

async function timed(base: string, path: string): Promise<void> {
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const response = await fetch(`${base}${path}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    // CPU time too: on a shared machine it varies less than the wall clock.
    const { user, system } = process.cpuUsage(cpu);
    console.log(
      `GET ${path}: ${response.status}, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s ` +
        `(CPU ${((user + system) / 1e6).toFixed(1)} s); RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(dataDir, SQLITE_FILE_NAME))) await write();
  const started = Date.now();
  const app = await createApp(loadConfig({ ...env, PORT: '1' }), 'silent');
  await app.listen(0, '127.0.0.1');
  console.log(`server up (projections caught up) in ${Math.round((Date.now() - started) / 1000)} s`);
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  try {
    await timed(base, '/exports/acled.csv');
    await timed(base, `/exports/ucdp.csv?asOf=${encodeURIComponent(new Date().toISOString().replace(/\.\d+Z$/, 'Z'))}`);
  } finally {
    await app.close();
  }
}

void main();
