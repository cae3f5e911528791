/**
 * `npm run bench`: every figure of the service beside its raw-driver ceiling, measured in the same
 * run, in one markdown table, with the speed target the figure has (issue 8) and whether it is met.
 *
 *   npm run bench [-- options]
 *     --store sqlite|postgres|both   (default both; PostgreSQL on DATABASE_URL or TEST_DATABASE_URL's
 *                                     server, else postgres://postgres@127.0.0.1:5432 — a new database
 *                                     per scenario, dropped after)
 *     --only append,http,replay      the sections to run (default all)
 *     --large                        replays of 1,000,000 events each
 *     --events N                     events per replay (default 30,000)
 *     --per-incident 10,1000,5000    the replays to run, by events per incident (default all three)
 *     --appends N                    single-event appends per store scenario (default 2,000; batches write 5x)
 *     --seconds S                    each autocannon run (default 5, after 1 s of warm-up; two runs each of app and ceiling, in turn)
 *     --connections C                autocannon connections (default 32)
 *
 * Each HTTP cell shows its server's CPU time per request, and a replay's row its CPU time per
 * event by thread (both read from /proc, on Linux) beside what the driver alone spends reading the
 * same events and inserting the same rows; a missed HTTP target gets a note comparing the
 * two servers' CPU, and each store whose replays missed their target gets the CPU profile of its
 * slowest one, rebuilt again under the profiler. With --large, the 1M-event targets are held to
 * the built CLI's `projections rebuild` on the same log.
 *
 * Each step runs in its own process (the app server, the ceiling server, each replay step), so
 * every peak RSS is that step's own. Ctrl-C stops the children, removes the temporary folders and
 * drops the databases.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { cleanUp, runWorker, startServer } from './lib/processes';
import { postgresVersion, scratch, StoreKind } from './lib/scratch';
import { buildIfStale, runBuiltCli } from './lib/built-cli';
import { selfTimeTable } from './lib/cpu-profile';
import { ThreadCpu } from './lib/thread-cpu';
import { averageOf, fetchViews, hammer, HttpFigures, HttpSettings, prepareApp, storeViews } from './lib/http-runs';
import type { StoreAppendFigures } from './workers/store-append.worker';
import type { RawWriteResult } from './workers/raw-write.worker';
import type { ReplayInput, StepResult } from './workers/replay.worker';

// ---- options ----------------------------------------------------------------------------------

const argv = process.argv.slice(2);
function option(name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} takes a value`);
  return value;
}
function count(name: string, fallback: number): number {
  const value = option(name);
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} takes a positive whole number, got ${value}`);
  return parsed;
}
const KNOWN = new Set(['--store', '--only', '--large', '--events', '--per-incident', '--appends', '--seconds', '--connections']);
for (const arg of argv) if (arg.startsWith('--') && !KNOWN.has(arg)) throw new Error(`unknown option ${arg} (see bench/bench.ts)`);
const storeOption = option('store') ?? 'both';
if (!['sqlite', 'postgres', 'both'].includes(storeOption)) throw new Error('--store takes sqlite, postgres or both');
const STORES: StoreKind[] = storeOption === 'both' ? ['sqlite', 'postgres'] : [storeOption as StoreKind];
const SECTIONS = new Set((option('only') ?? 'append,http,replay').split(','));
for (const s of SECTIONS) if (!['append', 'http', 'replay'].includes(s)) throw new Error('--only takes append, http and/or replay');
const LARGE = argv.includes('--large');
const REPLAY_EVENTS = count('events', LARGE ? 1_000_000 : 30_000);
const APPENDS = count('appends', 2_000);
const HTTP: HttpSettings = { seconds: count('seconds', 5), connections: count('connections', 32) };
/** Rounds of each HTTP load, the app's and the ceiling's taking turns. */
const HTTP_ROUNDS = 2;
/** Incidents the HTTP appends rotate over (and as many, of ~10 facts, for GET). */
const HTTP_INCIDENTS = 200;
const ALL_REPLAYS = [
  { label: 'short incidents (~10 events each)', perIncident: 10 },
  { label: 'long incidents (1,000 events each, all written at once: interleaved 10 by 10)', perIncident: 1_000 },
  { label: 'very long incidents (5,000 events each, all written at once: interleaved 10 by 10)', perIncident: 5_000 },
];
const PER_INCIDENT = (option('per-incident') ?? ALL_REPLAYS.map((r) => r.perIncident).join(',')).split(',').map((n) => Number(n.replace(/_/g, '')));
const REPLAYS = ALL_REPLAYS.filter((r) => PER_INCIDENT.includes(r.perIncident));
if (REPLAYS.length !== PER_INCIDENT.length) throw new Error(`--per-incident takes some of ${ALL_REPLAYS.map((r) => r.perIncident).join(',')}`);

// ---- the table --------------------------------------------------------------------------------

interface Row {
  work: string;
  store: StoreKind;
  service: string;
  ceiling: string;
  ratio: string;
  /** The target the figure has, and whether this run met it; empty when it has none. */
  target?: string;
}
const rows: Row[] = [];
const notes: string[] = [];
/** For each store whose replay missed its target, the profile of its slowest replay: what says why. */
const profiles: string[] = [];
/** Functions listed in each of those profiles. */
const PROFILE_TOP = 15;

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const perSecond = (n: number, unit = 'events/s') => `${whole(n)} ${unit}`;
const ratio = (service: number, ceiling: number) => (ceiling > 0 ? `${(service / ceiling).toFixed(service / ceiling < 0.1 ? 3 : 2)}×` : 'n/a');
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : whole(n)} ms`;
const mib = (bytes: number) => `${whole(bytes / 1024 / 1024)} MiB`;
/** A target and this run's verdict on it, for the table's last column. */
const verdict = (target: string, met: boolean) => `${target}: ${met ? 'met' : '**not met**'}`;
/** The speed targets (2-core machine, ratios to the ceiling of the same run). */
const TARGETS = {
  httpOneRatio: 0.5, httpOneP99Ratio: 2, httpHundredRatio: 0.5, postgresAppendRatio: 0.5,
  replayRatio: 0.3, replayEventsPerSecond: 100_000, largeReplaySeconds: 15, largeReplayRssBytes: 300e6,
};
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const started = Date.now();

function throughputRow(work: string, store: StoreKind, service: number, ceiling: number, minRatio?: number): void {
  const target = minRatio === undefined ? undefined : verdict(`≥ ${minRatio}×`, service >= minRatio * ceiling);
  rows.push({ work, store, service: perSecond(service), ceiling: perSecond(ceiling), ratio: ratio(service, ceiling), target });
}

function httpRow(work: string, store: StoreKind, service: HttpFigures, ceiling: HttpFigures, goal?: { minRatio: number; maxP99Ratio?: number }): void {
  const cell = (f: HttpFigures) =>
    (f.requests === 0 ? `no request completed in ${HTTP_ROUNDS} × ${HTTP.seconds} s` : `${perSecond(f.requestsPerSecond, 'req/s')} · p50 ${ms(f.p50)} · p99 ${ms(f.p99)}`) +
    (f.cpuMsPerRequest === null ? '' : ` · CPU ${f.cpuMsPerRequest.toFixed(2)} ms/req`) +
    (f.failures > 0 ? ` · **${whole(f.failures)} failed**` : '');
  const met = goal !== undefined && service.requests > 0 && service.failures === 0 && service.requestsPerSecond >= goal.minRatio * ceiling.requestsPerSecond &&
    (goal.maxP99Ratio === undefined || service.p99 <= goal.maxP99Ratio * ceiling.p99);
  rows.push({
    work, store, service: cell(service), ceiling: cell(ceiling),
    ratio: service.requests === 0 || ceiling.requests === 0 ? 'n/a'
      : `${ratio(service.requestsPerSecond, ceiling.requestsPerSecond)} req/s · ${ratio(service.p99, ceiling.p99)} p99`,
    target: goal && verdict(`≥ ${goal.minRatio}×${goal.maxP99Ratio === undefined ? '' : `, p99 ≤ ${goal.maxP99Ratio}×`}`, met),
  });
  if (goal && !met && service.cpuMsPerRequest !== null && ceiling.cpuMsPerRequest !== null) {
    // Both answer from one JavaScript thread: what each spends per request says most of why one is slower.
    notes.push(
      `${store}, ${work}: target missed. The service's process spent ${service.cpuMsPerRequest.toFixed(2)} ms of CPU per request (all its threads), ` +
        `the bare route's ${ceiling.cpuMsPerRequest.toFixed(2)} ms (${ratio(service.cpuMsPerRequest, ceiling.cpuMsPerRequest)}): it validates, decides, ` +
        `checks the excerpts and applies the projections in the append's transaction. Where that CPU goes: \`node -r @swc-node/register ` +
        `bench/profile-http.ts --run ${work.includes('100 events') ? 'hundred' : 'one'}\` (README → Benchmarks, "How an append spends its time").`,
    );
  }
  for (const [who, f] of [['service', service], ['ceiling', ceiling]] as const) {
    if (f.failures > 0) notes.push(`${store}, ${work}: the ${who} answered ${whole(f.failures)} request(s) with an error (not counted in req/s).`);
  }
}

// ---- sections ---------------------------------------------------------------------------------

async function appendSection(kind: StoreKind): Promise<void> {
  const where = await scratch(kind, 'append');
  try {
    log(`${kind}: store appends (${whole(APPENDS)} single-event appends per scenario, ${whole(5 * APPENDS)} events in batches of 100)`);
    const f = await runWorker<StoreAppendFigures>('store-append.worker.ts', { kind, env: where.env, dir: where.dir, url: where.url, events: APPENDS });
    // The target for store appends is PostgreSQL's (SQLite's are held to the HTTP targets).
    const goal = kind === 'postgres' ? TARGETS.postgresAppendRatio : undefined;
    throughputRow(`store append, 1 event, sequential (~${f.eventBytes} B events)`, kind, f.sequential.app, f.sequential.raw, goal);
    throughputRow('store append, 1 event, 10 concurrent writers', kind, f.concurrent.app, f.concurrent.raw, goal);
    throughputRow('store append, batches of 100 events', kind, f.batched.app, f.batched.raw);
  } finally {
    await where.dispose();
  }
}

const verifications: string[] = [];

/**
 * Each HTTP load runs against the app and the bare ceiling in turn, twice (app, ceiling, app,
 * ceiling), both servers up: on a shared machine whose speed drifts from one minute to the next,
 * two measurements taken minutes apart compared the machine as much as the code.
 */
async function httpSection(kind: StoreKind): Promise<void> {
  const appStore = await scratch(kind, 'http');
  const ceilingStore = await scratch(kind, 'ceiling');
  try {
    log(`${kind}: HTTP — starting the app and the ceiling (bare Fastify + ${kind === 'sqlite' ? 'better-sqlite3' : 'pg'})`);
    const app = await startServer('app-server.worker.ts', null, appStore.env);
    const ceilingServer = await startServer('ceiling-server.worker.ts', { kind, dir: ceilingStore.dir, url: ceilingStore.url });
    const [appBase, ceilingBase] = [`http://127.0.0.1:${app.port}`, `http://127.0.0.1:${ceilingServer.port}`];
    try {
      const workload = await prepareApp(appBase, HTTP_INCIDENTS);
      await storeViews(ceilingBase, workload.readPaths, await fetchViews(appBase, workload.readPaths));
      const inTurn = async (label: string, method: 'GET' | 'POST', paths: string[], body?: string) => {
        const rounds: { service: HttpFigures; ceiling: HttpFigures }[] = [];
        for (let round = 1; round <= HTTP_ROUNDS; round++) {
          log(`${kind}: HTTP — ${label}, round ${round} of ${HTTP_ROUNDS}: app, then ceiling`);
          const service = await hammer(appBase, HTTP, method, paths, body, 1, app.cpuMs);
          rounds.push({ service, ceiling: await hammer(ceilingBase, HTTP, method, paths, body, 1, ceilingServer.cpuMs) });
        }
        return { service: averageOf(rounds.map((r) => r.service)), ceiling: averageOf(rounds.map((r) => r.ceiling)) };
      };
      const one = await inTurn(`POST 1 event, ${HTTP.connections} connections, ${HTTP.seconds} s`, 'POST', workload.writePaths, workload.oneEvent);
      const hundred = await inTurn('POST 100 events', 'POST', workload.writePaths, workload.hundredEvents);
      const get = await inTurn('GET /incidents/{id}', 'GET', workload.readPaths);
      const runs = `${HTTP.connections} conn., ${HTTP_ROUNDS} × ${HTTP.seconds} s`;
      // The HTTP targets are against the bare Fastify + better-sqlite3 route: SQLite's.
      const sqlite = kind === 'sqlite';
      httpRow(`HTTP POST /incidents/{id}/events, 1 event (${runs})`, kind, one.service, one.ceiling, sqlite ? { minRatio: TARGETS.httpOneRatio, maxP99Ratio: TARGETS.httpOneP99Ratio } : undefined);
      httpRow(`HTTP POST /incidents/{id}/events, 100 events (${runs})`, kind, hundred.service, hundred.ceiling, sqlite ? { minRatio: TARGETS.httpHundredRatio } : undefined);
      httpRow(`HTTP GET /incidents/{id}, ~10 facts (${runs})`, kind, get.service, get.ceiling);
    } finally {
      await app.stop();
      await ceilingServer.stop();
    }

    log(`${kind}: verify — every projection rebuilt aside and compared with the live read models`);
    const verified = await runWorker<StepResult>('replay.worker.ts', { step: 'verify', kind, env: appStore.env, dir: appStore.dir, url: appStore.url, events: 0, perIncident: 0 });
    const differences = verified.differences ?? [];
    verifications.push(
      `${kind}: \`verify()\` after the HTTP writes (${whole(verified.events)} events in the log, ${(verified.ms / 1000).toFixed(1)} s): ` +
        (differences.length === 0 ? '**passed** (every projection matches a rebuild from position 0)' : `**FAILED** — ${differences.join('; ')}`),
    );
  } finally {
    await appStore.dispose();
    await ceilingStore.dispose();
  }
}

/** CPU per event that leaves room for the target rate on this machine's cores, if every core were kept busy. */
const cpuBudgetUs = () => (cpus().length * 1e6) / TARGETS.replayEventsPerSecond;

/** What the driver alone spends per event of a replay: reading and parsing it, and inserting the rows it leaves. */
interface DriverFloor {
  readUs: number;
  /** Both: the driver's process, and on PostgreSQL its backend too. */
  writeUs: number;
  rowsPerEvent: number;
}

const driverFloor = (events: number, raw: StepResult, written: RawWriteResult): DriverFloor => ({
  readUs: (((raw.cpuMs ?? raw.ms) + (raw.serverCpuMs ?? 0)) * 1000) / raw.events,
  writeUs: ((written.cpuMs + (written.serverCpuMs ?? 0)) * 1000) / events,
  rowsPerEvent: written.rows / events,
});

/**
 * The replay's CPU per event by thread (and, on PostgreSQL, the server's backends on the same
 * cores): a rate is bounded by cores ÷ CPU per event, however the work is spread over threads.
 * Beside it, what the driver alone spends on the same events and rows: the part no replay avoids.
 */
function cpuPerEventRow(kind: StoreKind, events: number, threads: ThreadCpu, floor: DriverFloor): Row {
  const us = (ms: number) => (ms * 1000) / events;
  const parts = [
    `main ${us(threads.mainMs).toFixed(1)}`,
    ...(kind === 'sqlite' ? [`writer thread ${us(threads.startedMs).toFixed(1)}`] : []),
    `V8/libuv helpers ${us(threads.helpersMs).toFixed(1)}`,
    ...(kind === 'postgres' ? [`PostgreSQL backends ${us(threads.postgresMs).toFixed(1)}`] : []),
  ];
  const total = us(threads.mainMs + threads.startedMs + threads.helpersMs + threads.postgresMs);
  const floorUs = floor.readUs + floor.writeUs;
  const budget = cpuBudgetUs();
  return {
    work: 'the same replay\'s CPU time per event, by thread (helpers: V8\'s parallel garbage collection above all)', store: kind,
    service: `${parts.join(' · ')} = ${total.toFixed(1)} µs`,
    ceiling: `read + JSON.parse ${floor.readUs.toFixed(1)} + insert its ${floor.rowsPerEvent.toFixed(1)} rows ${floor.writeUs.toFixed(1)} = ${floorUs.toFixed(1)} µs (the driver alone)`,
    ratio: ratio(total, floorUs),
    target: verdict(`≤ ${budget.toFixed(0)} µs (${whole(TARGETS.replayEventsPerSecond)} events/s on ${cpus().length} cores, all busy)`, total <= budget),
  };
}

/**
 * The replay beside the driver alone inserting the rows it left in the read models: whatever a
 * replay does, it writes at least those rows (on SQLite, through one connection at a time).
 */
function writeCeilingRow(kind: StoreKind, rebuilt: StepResult, written: RawWriteResult): Row {
  const [rate, ceiling] = [rebuilt.events / (rebuilt.ms / 1000), rebuilt.events / (written.ms / 1000)];
  return {
    work: `the rows that replay left in the read models (${whole(written.rows)} in ${written.tables} tables), ` +
      'inserted again by the driver alone into empty tables, secondary indexes built after: no events read, no fold', store: kind,
    service: perSecond(rate),
    ceiling: `${perSecond(ceiling)} (${(written.ms / 1000).toFixed(2)} s)`,
    ratio: ratio(rate, ceiling),
  };
}

/** Says how much of the CPU budget per event the driver alone spends, for a replay that missed its target. */
function floorNote(kind: StoreKind, label: string, floor: DriverFloor, writeRate: number): string {
  const budget = cpuBudgetUs();
  const floorUs = floor.readUs + floor.writeUs;
  return `${kind}, ${label}: the driver alone spends ${floorUs.toFixed(1)} µs of CPU per event (${floor.readUs.toFixed(1)} reading and parsing it, ` +
    `${floor.writeUs.toFixed(1)} inserting its ${floor.rowsPerEvent.toFixed(1)} rows${kind === 'postgres' ? '; PostgreSQL\'s backend included' : ''}) ` +
    `of the ${budget.toFixed(0)} µs that ${whole(TARGETS.replayEventsPerSecond)} events/s leaves on ${cpus().length} cores, before any fold, row building or hand-over; ` +
    `and inserting those rows alone runs at ${perSecond(writeRate)}` +
    (writeRate < TARGETS.replayEventsPerSecond ? `, below the target: no replay of these read models reaches ${whole(TARGETS.replayEventsPerSecond)} events/s on this machine.` : '.');
}

/** Rebuilds the replay's log again under the CPU profiler (the measured run had none) and keeps its top functions. */
async function profileReplay(input: ReplayInput, label: string, rate: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'incident-log-bench-profile-')), `rebuild-${input.kind}-${input.perIncident}.cpuprofile`);
  await runWorker<StepResult>('replay.worker.ts', { ...input, step: 'rebuild', profile: file });
  return [
    `### Where the ${input.kind} replay's main thread spends its time: ${label} (${perSecond(rate)} unprofiled)`,
    '',
    selfTimeTable(file, PROFILE_TOP),
    '',
    `The whole profile: ${file} (open it in Chrome's DevTools, Performance tab). The main thread reads, parses, folds and prepares rows;`,
    input.kind === 'sqlite' ? 'a writer thread of its own runs the inserts (postMessage hands them over); "(idle)" is the main thread waiting for it or for the CPU.'
      : 'PostgreSQL runs the inserts; "(idle)" is the main thread waiting for it or for the CPU.',
  ].join('\n');
}

/**
 * The 1M-event targets are held to what users run: `npm run cli -- projections rebuild`, the
 * built CLI without the TypeScript loader the bench's own processes run under, on the same log
 * (whose projections the replay above left live, as a rebuild finds them).
 */
async function builtCliRows(kind: StoreKind, env: Record<string, string>, events: number, raw: StepResult): Promise<Row[]> {
  buildIfStale();
  log(`${kind}: the built CLI — npm run cli -- projections rebuild`);
  const command = await runBuiltCli(['projections', 'rebuild'], env);
  // What it prints of the rebuild alone; the command also starts the app (and drops the tables an earlier rebuild retired) and closes it.
  const said = /rebuilt every projection in ([\d.]+) s/.exec(command.output);
  if (!said) throw new Error(`npm run cli -- projections rebuild did not say how long it took:\n${command.output.slice(-1000)}`);
  const ms = Number(said[1]) * 1000;
  return [
    {
      work: `the same replay by the built CLI, as users run it (\`npm run cli -- projections rebuild\`), ${whole(events)} events`, store: kind,
      service: `${perSecond(events / (ms / 1000))} (${(ms / 1000).toFixed(1)} s; the whole command, with start-up and close, ${(command.ms / 1000).toFixed(1)} s)`,
      ceiling: `${perSecond(raw.events / (raw.ms / 1000))} (read + JSON.parse)`,
      ratio: ratio(events / ms, raw.events / raw.ms),
      target: verdict(`1M in < ${TARGETS.largeReplaySeconds} s`, ms < TARGETS.largeReplaySeconds * 1000),
    },
    {
      work: 'peak RSS of that command', store: kind, service: mib(command.peakRss), ceiling: `${mib(raw.peakRss)} (raw read process)`, ratio: ratio(command.peakRss, raw.peakRss),
      target: verdict(`< ${whole(TARGETS.largeReplayRssBytes / 1e6)} MB`, command.peakRss < TARGETS.largeReplayRssBytes),
    },
  ];
}

async function replaySection(kind: StoreKind): Promise<void> {
  let slowest: { input: ReplayInput; label: string; rate: number; profile: string } | null = null;
  for (const replay of REPLAYS) {
    const where = await scratch(kind, 'replay');
    try {
      const input: ReplayInput = { step: 'generate', kind, env: where.env, dir: where.dir, url: where.url, events: REPLAY_EVENTS, perIncident: replay.perIncident };
      const generated = await runWorker<StepResult>('replay.worker.ts', input);
      log(`${kind}: replay, ${replay.label}: generated ${whole(generated.events)} events in ${(generated.ms / 1000).toFixed(1)} s`);
      const rebuilt = await runWorker<StepResult>('replay.worker.ts', { ...input, step: 'rebuild' });
      log(`${kind}: replay, ${replay.label}: rebuilt in ${(rebuilt.ms / 1000).toFixed(1)} s`);
      const raw = await runWorker<StepResult>('raw-read.worker.ts', { kind, sqliteFile: generated.sqliteFile ?? null, url: where.url });
      const work = `replay (engine.rebuild()), ${replay.label}, ${whole(rebuilt.events)} events`;
      const rate = rebuilt.events / (rebuilt.ms / 1000);
      const large = rebuilt.events >= 1_000_000;
      const met = rebuilt.events / rebuilt.ms >= TARGETS.replayRatio * (raw.events / raw.ms) && rate >= TARGETS.replayEventsPerSecond &&
        (!large || rebuilt.ms < TARGETS.largeReplaySeconds * 1000);
      rows.push({
        work, store: kind,
        service: perSecond(rate) + (large ? ` (${(rebuilt.ms / 1000).toFixed(1)} s)` : ''),
        ceiling: `${perSecond(raw.events / (raw.ms / 1000))} (read + JSON.parse)`,
        ratio: ratio(rebuilt.events / rebuilt.ms, raw.events / raw.ms),
        target: verdict(`≥ ${TARGETS.replayRatio}× and ≥ ${whole(TARGETS.replayEventsPerSecond)} events/s` + (large ? `, 1M in < ${TARGETS.largeReplaySeconds} s` : ''), met),
      });
      if (rebuilt.cpuMs !== undefined && raw.cpuMs !== undefined) {
        // On a shared machine the wall clock counts the time other processes held the CPU; CPU time does not.
        rows.push({
          work: `the same replay per second of its process's CPU time`, store: kind,
          service: perSecond(rebuilt.events / (rebuilt.cpuMs / 1000)), ceiling: `${perSecond(raw.events / (raw.cpuMs / 1000))} (read + JSON.parse)`,
          ratio: ratio(rebuilt.events / rebuilt.cpuMs, raw.events / raw.cpuMs),
        });
      }
      const written = await runWorker<RawWriteResult>('raw-write.worker.ts', { kind, sqliteFile: generated.sqliteFile ?? null, url: where.url });
      const floor = driverFloor(rebuilt.events, raw, written);
      if (rebuilt.threads) rows.push(cpuPerEventRow(kind, rebuilt.events, rebuilt.threads, floor));
      rows.push(writeCeilingRow(kind, rebuilt, written));
      if (!met) notes.push(floorNote(kind, replay.label, floor, rebuilt.events / (written.ms / 1000)));
      rows.push({
        work: `peak RSS of that replay's process` + (large ? ' (under the TypeScript loader: see the idle process below)' : ''), store: kind,
        service: mib(rebuilt.peakRss), ceiling: `${mib(raw.peakRss)} (raw read process)`, ratio: ratio(rebuilt.peakRss, raw.peakRss),
      });
      if (large) rows.push(...(await builtCliRows(kind, where.env, rebuilt.events, raw)));
      // Last: the profiled rebuild leaves one more generation of tables behind it in the file.
      if (!met && (slowest === null || rate < slowest.rate)) {
        log(`${kind}: replay, ${replay.label}: missed its target; rebuilding again under the CPU profiler`);
        slowest = { input, label: replay.label, rate, profile: await profileReplay(input, replay.label, rate) };
      }
    } finally {
      await where.dispose();
    }
  }
  if (slowest) profiles.push(slowest.profile);
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const pgVersion = STORES.includes('postgres') ? await postgresVersion() : null;
  const idle = await runWorker<StepResult>('raw-read.worker.ts', { kind: 'idle', sqliteFile: null, url: null });
  for (const kind of STORES) {
    if (SECTIONS.has('append')) await appendSection(kind);
    if (SECTIONS.has('http')) await httpSection(kind);
    if (SECTIONS.has('replay')) await replaySection(kind);
  }
  const cpu = cpus();
  const lines = [
    `## incident-log benchmark — ${new Date().toISOString()}`,
    '',
    `Machine: ${cpu.length} CPU(s) (${cpu[0]?.model.trim() ?? 'unknown'}), ${whole(totalmem() / 1024 ** 3)} GiB RAM, ${process.platform}; Node ${process.version}` +
      (pgVersion ? `; PostgreSQL ${pgVersion} on ${new URL(process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432').host}` : '') +
      `. Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    '| work | store | this service | ceiling (same run) | ratio | target |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.work} | ${r.store} | ${r.service} | ${r.ceiling} | ${r.ratio} | ${r.target ?? ''} |`),
    '',
    'Ratio = this service ÷ ceiling: for throughput 1× means as fast as the raw driver; for p99 latency and memory, 1× means no overhead.',
    'Target: the speed target the figure is held to (a 2-core machine); for a replay not met, the profile below (of each store\'s slowest replay)',
    'and the CPU per event by thread say why; for an HTTP load, each side\'s CPU per request (its process, every thread) does, and README →',
    'Benchmarks has the profiles of the HTTP appends.',
    'Ceilings: store appends — the driver alone inserting the same rows into a table with the same columns and keys (better-sqlite3 with',
    'WAL and the synchronous setting the app runs with, each append its own transaction; pg: one INSERT statement per append, a pool of 10;',
    'the app and the driver in four rounds each, taking turns);',
    'HTTP — a bare Fastify server appending the same JSON bodies one row per event in one transaction per request, and answering a stored',
    'copy of the same incident view read by id; each load ran against the app and the ceiling in turn, twice, and each side\'s figures are',
    'the average of its two runs; replay — reading the same rows in pages of 1,000 by position and parsing their JSON (better-sqlite3: rows as arrays),',
    'and the driver alone inserting the rows the replay left in the read models into empty tables of the same columns and keys, secondary indexes',
    'after (SQLite: the rebuild writer\'s settings, INSERTs of 64 rows; PostgreSQL: COPY, 10,000 rows a transaction), timed alone.',
    `Every step runs in its own process (\`node -r @swc-node/register\`); such a process peaks at ${mib(idle.peakRss)} doing nothing, included in both RSS columns.`,
    ...(verifications.length > 0 ? ['', ...verifications] : []),
    ...(notes.length > 0 ? ['', ...notes] : []),
    ...profiles.flatMap((profile) => ['', profile]),
  ];
  console.log(lines.join('\n'));
  if (verifications.some((v) => v.includes('FAILED'))) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
