/**
 * Helpers for the reliability suites: an engine over a real SQLite file, a log writer that
 * decides events with the domain's own `decide` on the folded stream, and snapshots of every
 * projection table.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteConnection } from '../../src/database/sqlite/sqlite-connection';
import { SqliteReadModelDatabase } from '../../src/database/sqlite/sqlite-read-model-database';
import { ReadModelDatabase } from '../../src/database/sql-runner';
import { DecisionContext, ProposedFact, decide, incidentsNamedBy } from '../../src/domain/incident/decide';
import { fold } from '../../src/domain/incident/fold';
import {
  ActorInvolvedData, CasualtiesReportedData, FactType, IncidentEvent, IncidentEventDataByType, IncidentOpenedData, MaterielItem,
  incidentStreamId,
} from '../../src/domain/incident/incident-events';
import { IncidentState } from '../../src/domain/incident/incident-state';
import { Confidence } from '../../src/domain/shared/confidence';
import { Estimate } from '../../src/domain/shared/estimate';
import { EventStore, StoredEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { checkFactData } from '../../src/incidents/facts/fact-data-schemas';
import { toEventToAppend, toRecordedIncidentEvent } from '../../src/log/incident-log-events';
import { allProjections } from '../../src/projections/all-projections';
import { Projection } from '../../src/projections/engine/projection';
import { ProjectionEngine } from '../../src/projections/engine/projection-engine';
import { physicalTableName } from '../../src/projections/engine/projection-tables';

/** What `decide` is told beyond the incident: the edge's data check, and which other incidents exist. */
export const decisionContext = (existing: ReadonlySet<string> = new Set()): DecisionContext => ({
  checkData: checkFactData,
  incidentExists: (incidentId) => existing.has(incidentId),
});

export const SOURCE_ID = '0193a1b2-0000-7000-8000-0000000000aa';
export const WRITER = { recordedBy: 'test', correlationId: null, causationId: null };

/** A temporary folder with a database file path in it; `remove` deletes the folder. */
export function tempDatabase(): { dir: string; file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'incident-log-reliability-'));
  return { dir, file: join(dir, 'log.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that moves `stepMs` forward at each reading (one reading per append). */
export function steppingClock(start = '2024-03-01T10:00:00.000Z', stepMs = 60_000): { now: () => Date; readings: string[] } {
  let next = Date.parse(start);
  const readings: string[] = [];
  return {
    readings,
    now: () => {
      const time = new Date(next);
      next += stepMs;
      readings.push(time.toISOString());
      return time;
    },
  };
}

export interface Rig {
  file: string;
  connection: SqliteConnection;
  store: SqliteEventStore;
  db: SqliteReadModelDatabase;
  engine: ProjectionEngine;
  log: IncidentLog;
  /** Stops the engine and closes the connection (what a process exit does). */
  close(): Promise<void>;
}

export interface RigOptions {
  projections?: Projection[];
  batchSize?: number;
  now?: () => Date;
  /** Run `engine.initialise()` (default true). */
  initialise?: boolean;
  /** How long a failed projection waits before it is tried again (default: as in production). */
  retryFailedAfterMs?: number;
  /** Log length from which `start` builds projections that applied nothing yet in bulk (default: as in production). */
  bulkStartFrom?: number;
}

/** One process's view of the file: a connection, the store, the read models and an engine. */
export async function openRig(file: string, options: RigOptions = {}): Promise<Rig> {
  const connection = new SqliteConnection(file);
  const store = new SqliteEventStore(connection, options.now);
  const db = new SqliteReadModelDatabase(connection);
  const engine = new ProjectionEngine(store, db, options.projections ?? allProjections(), {
    batchSize: options.batchSize ?? 50,
    pollIntervalMs: 60_000,
    // Tables a rebuild replaced are dropped at the next catch-up, not half a minute later.
    retiredTablesGraceMs: 0,
    ...(options.retryFailedAfterMs === undefined ? {} : { retryFailedAfterMs: options.retryFailedAfterMs }),
    ...(options.bulkStartFrom === undefined ? {} : { bulkStartFrom: options.bulkStartFrom }),
  });
  if (options.initialise ?? true) await engine.initialise();
  return {
    file, connection, store, db, engine, log: new IncidentLog(store),
    async close() {
      await engine.stop();
      connection.close();
    },
  };
}

/** Another engine on the same connection (same process), e.g. with another batch size. */
export async function engineOn(rig: Pick<Rig, 'store' | 'db'>, batchSize: number, projections: Projection[] = allProjections()): Promise<ProjectionEngine> {
  const engine = new ProjectionEngine(rig.store, rig.db, projections, { batchSize, pollIntervalMs: 60_000 });
  await engine.initialise();
  return engine;
}

// ---------------------------------------------------------------------------------------------
// Writing events the way the application does: decide on the folded stream, append with the
// expected version.
// ---------------------------------------------------------------------------------------------

/** UUIDs (version 4 layout) from counters: each writer its own prefix, so two never collide. */
export class Ids {
  private static writers = 0;
  private counter = 0;
  constructor(private readonly prefix = ++Ids.writers) {}
  next(): string {
    this.counter += 1;
    const hex = this.counter.toString(16).padStart(12, '0');
    return `${this.prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
  }
}

export const incidentIdOf = (index: number): string => `0190${index.toString(16).padStart(4, '0')}-0000-4000-8000-00000000beef`;

export function openingData(incidentId: string, overrides: Partial<IncidentOpenedData> = {}): IncidentOpenedData {
  return {
    incidentId,
    title: 'Heliborne raid against a terrorist group in the Gourma',
    occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
    location: { country: 'ML', area: 'Gourma', admin1: null, name: null, latitude: null, longitude: null, precision: 'area' },
    operation: 'Barkhane',
    ...overrides,
  };
}

const cite = (excerpt = 'neutraliser sept terroristes') => ({ sourceId: SOURCE_ID, excerpt });

/** Builds the facts a command proposes, with ids from `ids`. */
export class Facts {
  constructor(readonly ids = new Ids()) {}

  of<T extends FactType>(type: T, data: IncidentEventDataByType[T], confidence: Confidence = 'confirmed'): ProposedFact {
    return { eventId: this.ids.next(), type, data, source: cite(), confidence } as ProposedFact;
  }

  casualties(count: Estimate, data: Partial<CasualtiesReportedData> = {}): ProposedFact {
    return this.of('CasualtiesReported', { side: 'hostile', status: 'neutralised', count, wording: 'neutraliser', ...data });
  }

  seized(items: MaterielItem[]): ProposedFact {
    return this.of('MaterielSeized', { items });
  }

  destroyed(items: MaterielItem[]): ProposedFact {
    return this.of('MaterielDestroyed', { items });
  }

  actor(name: string, data: Partial<ActorInvolvedData> = {}): ProposedFact {
    return this.of('ActorInvolved', { name, kind: 'armed-group', side: 'hostile', ...data });
  }

  pending(person: string): ProposedFact {
    return this.of('IdentificationPending', { person, role: 'leader', group: 'katiba du Gourma' }, 'probable');
  }

  confirmed(identificationId: string): ProposedFact {
    return this.of('IdentificationConfirmed', { identificationId });
  }

  refuted(identificationId: string): ProposedFact {
    return this.of('IdentificationRefuted', { identificationId });
  }

  corrected(correctsEventId: string, data: Record<string, unknown>): ProposedFact {
    return this.of('FactCorrected', { correctsEventId, data, reason: 'a later communiqué' });
  }

  retracted(retractsEventId: string): ProposedFact {
    return this.of('FactRetracted', { retractsEventId, reason: 'not supported by the source' });
  }
}

export interface LoadedStream {
  events: StoredEvent[];
  state: IncidentState;
}

/** Appends domain-valid events to incident streams of a store. */
export class IncidentLog {
  constructor(readonly store: EventStore, readonly facts = new Facts()) {}

  async load(incidentId: string): Promise<LoadedStream> {
    const events = await this.store.readStream(incidentStreamId(incidentId));
    return { events, state: fold(events.map(toRecordedIncidentEvent)) };
  }

  /** Opens the incident, with facts in the same append if any. */
  async open(incidentId: string, overrides: Partial<IncidentOpenedData> = {}, facts: ProposedFact[] = []): Promise<StoredEvent[]> {
    const { state } = await this.load(incidentId);
    const opening = decide(
      { kind: 'OpenIncident', eventId: this.facts.ids.next(), data: openingData(incidentId, overrides), source: cite('Dans la nuit du 11 au 12 novembre 2018'), confidence: 'confirmed' },
      state,
      decisionContext(),
    );
    const opened = fold(opening.map((e, i) => ({ ...e, version: i + 1, recordedAt: '', recordedBy: '' })), state);
    const rest = facts.length > 0 ? decide({ kind: 'RecordFacts', events: facts }, opened, decisionContext()) : [];
    return this.append(incidentId, [...opening, ...rest], state.version);
  }

  async record(incidentId: string, ...facts: ProposedFact[]): Promise<StoredEvent[]> {
    const { state } = await this.load(incidentId);
    const command = { kind: 'RecordFacts' as const, events: facts };
    const existing = await this.existingIncidents(incidentsNamedBy(command, state));
    return this.append(incidentId, decide(command, state, decisionContext(existing)), state.version);
  }

  /** Which of the incidents a command names have a stream in the store (links and duplicates must name one). */
  private async existingIncidents(incidentIds: string[]): Promise<Set<string>> {
    const existing = new Set<string>();
    for (const id of incidentIds) if ((await this.store.readStream(incidentStreamId(id))).length > 0) existing.add(id);
    return existing;
  }

  async append(incidentId: string, events: IncidentEvent[], expectedVersion: number): Promise<StoredEvent[]> {
    const result = await this.store.append(incidentStreamId(incidentId), events.map((e) => toEventToAppend(e, WRITER)), expectedVersion);
    return result.events;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading what the projections hold
// ---------------------------------------------------------------------------------------------

const rowJson = (row: unknown): string => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));

/** Every row of one projection table (the generation the engine reads), as sorted JSON. */
export async function tableRows(engine: ProjectionEngine, db: ReadModelDatabase, projection: string, table: string): Promise<string[]> {
  const rows = await db.reader.all<Record<string, unknown>>(`SELECT * FROM ${engine.tableOf(projection, table)}`);
  return rows.map(rowJson).sort();
}

/** Every table of every projection the engine runs, keyed `projection.table`. */
export async function snapshot(engine: ProjectionEngine, db: ReadModelDatabase): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const projection of engine.projections) {
    for (const table of Object.keys(projection.tables)) {
      tables[`${projection.name}.${table}`] = await tableRows(engine, db, projection.name, table);
    }
  }
  return tables;
}

/**
 * What one projection's tables hold once it has applied the log up to `position` and no
 * further: a fresh engine, over a window of the store, writing to a database of its own.
 * Keyed by table, rows as sorted JSON (as `tableRows` answers them).
 */
export async function projectionRowsUpTo(store: EventStore, projectionName: string, position: number): Promise<Record<string, string[]>> {
  const folder = tempDatabase();
  const connection = new SqliteConnection(folder.file);
  try {
    const windowed = new WindowedStore(store);
    windowed.visibleUpTo = position;
    const projection = allProjections().find((p) => p.name === projectionName);
    if (!projection) throw new Error(`no projection named ${projectionName}`);
    const db = new SqliteReadModelDatabase(connection);
    const engine = new ProjectionEngine(windowed, db, [projection], { batchSize: 50, pollIntervalMs: 60_000 });
    await engine.initialise();
    await engine.catchUp();
    const tables: Record<string, string[]> = {};
    for (const table of Object.keys(projection.tables)) tables[table] = await tableRows(engine, db, projectionName, table);
    await engine.stop();
    return tables;
  } finally {
    connection.close();
    folder.remove();
  }
}

/** The rows of every table of a projection at a given generation, keyed by table. */
export async function projectionRowsAt(db: ReadModelDatabase, projectionName: string, generation: number): Promise<Record<string, string[]>> {
  const projection = allProjections().find((p) => p.name === projectionName);
  if (!projection) throw new Error(`no projection named ${projectionName}`);
  const tables: Record<string, string[]> = {};
  for (const table of Object.keys(projection.tables)) {
    const rows = await db.reader.all<Record<string, unknown>>(`SELECT * FROM ${physicalTableName(projectionName, table, generation)}`);
    tables[table] = rows.map(rowJson).sort();
  }
  return tables;
}

/** The tables in the database file whose name starts with `prefix`. */
export function tablesNamed(connection: SqliteConnection, prefix: string): string[] {
  return (connection.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ORDER BY name`).all(`${prefix}%`) as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Casualty rows in force now: the sum of their best figures. */
export async function casualtyBestInForce(engine: ProjectionEngine, db: ReadModelDatabase): Promise<{ best: number; reports: number }> {
  const row = await db.reader.get<{ best: number | null; reports: number }>(
    `SELECT SUM(best) AS best, COUNT(*) AS reports FROM ${engine.tableOf('casualty-tally', 'casualty_rows')} WHERE valid_to IS NULL`,
  );
  return { best: Number(row?.best ?? 0), reports: Number(row?.reports ?? 0) };
}

/** Polls `check` until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000, everyMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * A small, fixed history for one incident, in four appends: opened with casualties (best 7), a
 * pending identification and materiel; more casualties (best 3); the first count corrected to
 * 9; the second casualties retracted. In force at the end: one report, best 9.
 */
export async function seedIncident(log: IncidentLog, incidentId: string): Promise<StoredEvent[]> {
  const first = log.facts.casualties({ best: 7 });
  const stored = await log.open(incidentId, {}, [
    first,
    log.facts.pending('Almansour Ag Alkassam'),
    log.facts.seized([{ category: 'light-weapons', description: 'armes légères', quantity: 4 }]),
    log.facts.actor('katiba du Gourma'),
  ]);
  const second = log.facts.casualties({ low: 2, best: 3, high: 4 }, { side: 'friendly', status: 'wounded' });
  stored.push(...(await log.record(incidentId, second)));
  stored.push(...(await log.record(incidentId, log.facts.corrected(first.eventId, { count: { best: 9 } }))));
  stored.push(...(await log.record(incidentId, log.facts.retracted(second.eventId))));
  return stored;
}

export const SEEDED_BEST = 9;
/** Events `seedIncident` stores. */
export const SEEDED_EVENTS = 8;

/**
 * The real store seen through a window: `visibleUpTo` hides later events (an instance that has
 * not seen them yet), `gate` holds `readAll` answers back until opened (a process paused
 * between reading the log and applying it). Every call goes to the real store.
 */
export class WindowedStore extends EventStore {
  readonly kind = 'sqlite' as const;
  visibleUpTo = Number.POSITIVE_INFINITY;
  readAllCalls = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  constructor(private readonly inner: EventStore) {
    super();
  }

  closeGate(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  releaseGate(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  append(...args: Parameters<EventStore['append']>) {
    return this.inner.append(...args);
  }

  readStream(streamId: string) {
    return this.inner.readStream(streamId);
  }

  async readAll(after: number, limit: number): Promise<StoredEvent[]> {
    const events = (await this.inner.readAll(after, limit)).filter((e) => e.globalPosition <= this.visibleUpTo);
    this.readAllCalls += 1;
    if (this.gate) await this.gate;
    return events;
  }

  async headPosition(): Promise<number> {
    return Math.min(await this.inner.headPosition(), this.visibleUpTo);
  }

  close() {
    return this.inner.close();
  }
}

export interface Worker {
  /** Resolves with the exit code (null when killed) and what it wrote on stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once the worker printed `line`. */
  printed(line: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** Lets a worker started with `waitForGo` begin its catch-ups. */
  go(): void;
}

/** Starts tests/support/engine-worker.ts in its own process on `file`. */
export function startWorker(file: string, batchSize: number, options: { rounds?: number; waitForGo?: boolean } = {}): Worker {
  const args = [join(__dirname, 'engine-worker.ts'), file, String(batchSize), String(options.rounds ?? 1), options.waitForGo ? 'wait' : 'go'];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], { cwd: join(__dirname, '../..'), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting: { line: string; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const w of waiting) if (stdout.split('\n').includes(w.line)) w.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    exited,
    printed: (line) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.split('\n').includes(line)) return resolve();
        waiting.push({ line, resolve });
        void exited.then(({ code }) => (stdout.split('\n').includes(line) ? resolve() : reject(new Error(`worker exited (${code}) before printing ${line}: ${stderr}`))));
      }),
    kill: (signal) => child.kill(signal),
    go: () => child.stdin.end('go\n'),
  };
}
