/**
 * One step of a replay scenario, each in its own process so that its peak RSS is its own:
 *   generate — write incidents through the app's store (one append per short incident; long ones written at
 *              the same time, taking turns, 10 events per append);
 *   rebuild  — engine.rebuild(): every projection from position 0;
 *   verify   — engine.verify(): rebuild aside and compare with the live read models.
 */
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { SQLITE_FILE_NAME } from '../../src/infrastructure/storage';
import { incidentStreamId, NO_STREAM, openAppStorage, registerSource, toAppend } from '../lib/app-storage';
import { startCpuProfile } from '../lib/cpu-profile';
import { cpuMs, peakRss, runMain, workerInput } from '../lib/processes';
import { measureThreadCpu, ThreadCpu } from '../lib/thread-cpu';
import { longIncident, SYNTHETIC_SOURCE_TEXT, syntheticIncident } from '../synthetic-incidents';

export interface ReplayInput {
  step: 'generate' | 'rebuild' | 'verify';
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  dir: string;
  url: string | null;
  /** Events to write (generate). */
  events: number;
  /** Events per incident: ~10 (the synthetic incidents) or a long history. */
  perIncident: number;
  /** rebuild: a file to write a CPU profile of the rebuild alone to (a V8 .cpuprofile). */
  profile?: string;
}

export interface StepResult {
  events: number;
  ms: number;
  /** rebuild: the CPU time it took (user and system, every thread of the process). */
  cpuMs?: number;
  /** The raw read on PostgreSQL: the CPU its backend spent serving it. */
  serverCpuMs?: number;
  /** rebuild: that CPU time by thread, and PostgreSQL's backends' (null where /proc is not there to read). */
  threads?: ThreadCpu | null;
  peakRss: number;
  /** verify: the tables that differ from a rebuild. */
  differences?: string[];
  /** generate: the app's SQLite file, for the raw read. */
  sqliteFile?: string;
}

/** Appends in flight at once while generating (PostgreSQL appends wait on the network). */
const IN_FLIGHT = 4;
/**
 * Events per append of a long incident. The long incidents are written at the same time, taking
 * turns, as concurrent writers leave them in a log: a replay in global order meets every one of
 * them in every batch (the hard case for a fold that keeps states in memory).
 */
const LONG_INCIDENT_APPEND = 10;

async function generate(input: ReplayInput): Promise<number> {
  // Writing the log is set-up, not what is measured: its SQLite commits need not wait for the disk (1M events in minutes less).
  const storage = await openAppStorage({ ...input.env, SQLITE_SYNCHRONOUS: 'normal' });
  try {
    const sourceId = uuidv7();
    await registerSource(storage, sourceId, SYNTHETIC_SOURCE_TEXT);
    if (input.perIncident <= 12) {
      let written = 1;
      let next = 0;
      const lanes = Array.from({ length: IN_FLIGHT }, async () => {
        while (written < input.events) {
          const { incidentId, events } = syntheticIncident(next++, sourceId);
          written += events.length;
          await storage.store.append(incidentStreamId(incidentId), toAppend(events), NO_STREAM);
        }
      });
      await Promise.all(lanes);
    } else {
      const incidents = Math.ceil((input.events - 1) / input.perIncident);
      const length = (index: number) => Math.max(2, Math.min(input.perIncident, input.events - 1 - index * input.perIncident));
      // A queue of turns: a lane takes the incident whose turn it is, appends its next batch and puts it back at the end.
      const turns = Array.from({ length: incidents }, (_, index) => longIncident(index, sourceId, length(index), LONG_INCIDENT_APPEND));
      const lanes = Array.from({ length: IN_FLIGHT }, async () => {
        for (let incident = turns.shift(); incident; incident = turns.shift()) {
          const batch = incident.next();
          if (batch.done) continue;
          const { incidentId, events, expectedVersion } = batch.value;
          await storage.store.append(incidentStreamId(incidentId), toAppend(events), expectedVersion);
          turns.push(incident);
        }
      });
      await Promise.all(lanes);
    }
    return await storage.store.headPosition();
  } finally {
    await storage.close();
  }
}

const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

async function rebuild(input: ReplayInput): Promise<{ events: number; ms: number; cpuMs: number; threads: ThreadCpu | null }> {
  const storage = await openAppStorage(input.env);
  try {
    await storage.projections.initialise();
    const profiler = input.profile ? await startCpuProfile(input.profile) : null;
    const [started, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
    const database = input.url === null ? null : new URL(input.url).pathname.slice(1);
    const { cpu: threads } = await measureThreadCpu(() => storage.projections.rebuild(), database);
    const [ms, cpuTime] = [since(started), cpuMs(cpu)];
    await profiler?.stop();
    return { events: await storage.store.headPosition(), ms, cpuMs: cpuTime, threads };
  } finally {
    await storage.close();
  }
}

async function verify(input: ReplayInput): Promise<{ events: number; differences: string[] }> {
  const storage = await openAppStorage(input.env);
  try {
    await storage.projections.initialise();
    const differences = await storage.projections.verify();
    return {
      events: await storage.store.headPosition(),
      differences: differences.map((d) => `${d.projection}.${d.table}: ${d.onlyInLive.count} row(s) only live, ${d.onlyInRebuilt.count} only rebuilt`),
    };
  } finally {
    await storage.close();
  }
}

runMain(async (): Promise<StepResult> => {
  const input = workerInput<ReplayInput>();
  const started = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
  switch (input.step) {
    case 'generate': {
      const events = await generate(input);
      return { events, ms: ms(), peakRss: peakRss(), sqliteFile: join(input.dir, SQLITE_FILE_NAME) };
    }
    case 'rebuild':
      return { ...(await rebuild(input)), peakRss: peakRss() };
    case 'verify': {
      const { events, differences } = await verify(input);
      return { events, ms: ms(), peakRss: peakRss(), differences };
    }
  }
});
