// TEMPORARY experiment driver (not committed): generate once into a kept folder, rebuild many times.
import { existsSync, mkdirSync } from 'node:fs';
import { runWorker } from './lib/processes';
const [dir, eventsArg, perArg, step] = process.argv.slice(2);
async function main() {
  const env = { EVENT_STORE: 'sqlite', DATA_DIR: dir };
  const input = { step: 'generate', kind: 'sqlite', env, dir, url: null, events: Number(eventsArg), perIncident: Number(perArg) };
  if (step === 'generate' || !existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    const g: any = await runWorker('replay.worker.ts', input);
    console.log('generated', g.events, (g.ms / 1000).toFixed(1), 's');
  }
  const r: any = await runWorker('replay.worker.ts', { ...input, step: 'rebuild' });
  console.log(`rebuilt ${r.events} in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.events / (r.ms / 1000))} ev/s, cpu ${(r.cpuMs / 1000).toFixed(1)} s, peak RSS ${Math.round(r.peakRss / 2 ** 20)} MiB`);
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
