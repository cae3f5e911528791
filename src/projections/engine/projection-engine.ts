import { Mutex } from 'async-mutex';
import { ReadModelDatabase, ReadSnapshot, SqlRunner } from '../../database/sql-runner';
import { EventStore, StoredEvent } from '../../event-store/event-store.port';
import { IncidentState } from '../../domain/incident/incident-state';
import { AsideBuilder, BuiltAside } from './aside-build';
import {
  ProjectionRecord, createCheckpointTable, dropRetiredTables, insertCheckpointIfMissing, lockCheckpoints, readCheckpoints,
  releaseClaims, retireTables, retryFailedProjections, writeCheckpoint, writeProgress,
} from './checkpoint-store';
import { IncidentFold } from './incident-fold';
import { applyIsolated } from './isolated-apply';
import { Projection } from './projection';
import { RebuildInProgress, UnknownProjection, VerifyOutpacedByWrites, errorMessage } from './projection-errors';
import { createTables, physicalTableName, physicalTables } from './projection-tables';
import { RebuildProgress, RebuildTracker } from './rebuild-tracker';
import { ProjectionLeadership, SoleLeadership } from './leadership';
import { TableDifference, compareTables } from './table-comparison';
import { yieldToEventLoop } from './yield-to-event-loop';

export interface ProjectionEngineOptions {
  batchSize: number;
  /**
   * Events per batch of a rebuild (aside, from position 0). Unless given: on PostgreSQL five
   * times `batchSize` (fewer round trips; nothing waits on them but the swap); on SQLite, where a
   * statement costs no round trip, `batchSize` (a bigger batch keeps more of itself alive across
   * garbage collections: 5,000 events cost about a quarter more CPU than 1,000).
   */
  rebuildBatchSize?: number;
  pollIntervalMs: number;
  /** How long tables a rebuild replaced stay, for queries that picked them just before the swap. */
  retiredTablesGraceMs: number;
  /** How long a failed projection waits before it is tried again (the cause may have passed). */
  retryFailedAfterMs: number;
  /** Told of a catch-up that failed in the background. */
  onError: (error: unknown) => void;
  /**
   * Events in the log from which `start` builds the projections that have applied none yet as a
   * rebuild does (aside, in bulk, stream after stream) instead of catching them up batch by batch.
   */
  bulkStartFrom: number;
}

export interface ProjectionStatusView {
  name: string;
  version: number;
  checkpoint: number;
  headPosition: number;
  lag: number;
  status: 'live' | 'rebuilding' | 'failed';
  progress?: RebuildProgress;
  error?: string;
  failedPosition?: number;
}

/** How many times `verify` tries to see the live and the rebuilt tables at one position before it gives up. */
const VERIFY_ALIGNMENT_TRIES = 200;

/** The grace is longer than any read takes; other instances learn of a swap at their next poll. */
const DEFAULT_OPTIONS: ProjectionEngineOptions = {
  batchSize: 1000,
  pollIntervalMs: 500,
  retiredTablesGraceMs: 30_000,
  retryFailedAfterMs: 60_000,
  bulkStartFrom: 10_000,
  onError: (error) => console.warn(`projections: catch-up failed, retrying at the next poll: ${errorMessage(error)}`),
};

/**
 * Runs projections from the store's global log. Each batch is applied, for every projection,
 * together with its new checkpoint in one transaction: a crash can neither skip nor repeat an
 * event. A projection that throws is marked failed (inside its own savepoint: `isolated-apply`)
 * and the others go on. Rebuilds and `verify` build tables aside (`aside-build`), then swap them in
 * or compare them (`table-comparison`); checkpoints and claims live in `checkpoint-store`.
 */
export class ProjectionEngine {
  private readonly records = new Map<string, ProjectionRecord>();
  private readonly runLock = new Mutex();
  private readonly rebuilds = new RebuildTracker();
  private readonly options: ProjectionEngineOptions;
  /** Projections whose version changed: not applied live until their rebuild swaps in. */
  private readonly outdated = new Set<string>();
  private readonly rebuildFailures = new Map<string, string>();
  private retiredTablesCheckedAt = 0;
  /** When this process first saw each projection failed. */
  private readonly failedSince = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private pendingWake: Promise<void> | null = null;
  /** The fold of the live projections' position, kept from batch to batch. */
  private readonly liveFold: IncidentFold;
  /** Builds tables aside from position 0: for a rebuild, to swap in; for `verify`, to compare. */
  private readonly aside: AsideBuilder;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    readonly projections: readonly Projection[],
    options: Partial<ProjectionEngineOptions> = {},
    private readonly leadership: ProjectionLeadership = new SoleLeadership(),
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.liveFold = new IncidentFold(store);
    const rebuildBatchSize = this.options.rebuildBatchSize ?? (db.dialect === 'sqlite' ? this.options.batchSize : this.options.batchSize * 5);
    this.aside = new AsideBuilder(store, db, this.rebuilds, rebuildBatchSize);
  }

  /** Makes missing tables, then returns the projections whose version changed (they need a rebuild). */
  async initialise(): Promise<Projection[]> {
    const outdated: Projection[] = [];
    // Several instances may start at once: they make tables one after the other.
    await this.db.serialisedTransaction(async (sql) => {
      await createCheckpointTable(sql);
      for (const projection of this.projections) {
        await insertCheckpointIfMissing(sql, {
          name: projection.name, version: projection.version, generation: 1, checkpoint: 0, status: 'live', error: null, failedPosition: null,
          tables: physicalTables(projection, 1),
        });
      }
      // A failure may have been passing (a full disk): a restart tries again from the checkpoint.
      await retryFailedProjections(sql);
      const stored = new Map((await readCheckpoints(sql)).map((r) => [r.name, r]));
      for (const projection of this.projections) {
        const record = stored.get(projection.name)!;
        this.records.set(projection.name, record);
        if (record.version === projection.version) await createTables(sql, projection, record.generation);
        else {
          outdated.push(projection);
          this.outdated.add(projection.name);
        }
      }
    });
    return outdated;
  }

  /** Catches up, rebuilds outdated projections aside, and polls for events other processes write. */
  async start(): Promise<void> {
    const outdated = await this.initialise();
    // A failed rebuild is remembered by `rebuild` and shown by `status`.
    if (outdated.length > 0) void this.rebuild(outdated.map((p) => p.name)).catch(() => undefined);
    await this.buildUnstarted();
    await this.catchUp();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.runLock.runExclusive(() => this.leadership.release());
  }

  /**
   * Projections that have applied no event yet while the log holds many (a first start on a log
   * migrated or restored from elsewhere, a projection a new release adds) are built the way a
   * rebuild builds tables: with the live catch-up (global order, one ordinary transaction per
   * batch) a first start on a million events took 52.0 s and peaked at 614 MiB; built this way,
   * 34.7 s and 268 MiB (SQLite). Like the catch-up it replaces, it is over when `start` returns. If
   * the build fails (a projection throws, another process is rebuilding them), the catch-up
   * that follows applies the events as before, and marks a projection that throws failed at its event.
   */
  private async buildUnstarted(): Promise<void> {
    const unstarted = this.projections.filter((p) => this.isLive(p.name) && this.records.get(p.name)!.checkpoint === 0);
    if (unstarted.length === 0 || (await this.store.headPosition()) < this.options.bulkStartFrom || !(await this.leadership.lead())) return;
    // On failure the catch-up meets the same cause, if it lasts, and reports it.
    const built = await this.aside.build(unstarted).catch(() => null);
    if (built) await this.runLock.runExclusive(() => this.swapIn(built)).catch(() => this.aside.discard(built));
  }

  /**
   * Asks for a catch-up soon; calls made while one is queued share it. It never rejects: a
   * failure (the database unreachable for a moment) is reported and the next poll tries again.
   */
  wake(): Promise<void> {
    // A notification may come before the tables exist: the catch-up at start covers it.
    if (this.records.size === 0) return Promise.resolve();
    this.pendingWake ??= this.catchUp()
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => (this.pendingWake = null));
    return this.pendingWake;
  }

  /** The physical table a query reads: the generation currently live. */
  tableOf(projection: string, table: string): string {
    const record = this.records.get(projection);
    if (!record) throw new Error(`unknown projection ${projection}`);
    return physicalTableName(projection, table, record.generation);
  }

  /** Applies every event in the log that a live projection has not seen yet. */
  catchUp(): Promise<void> {
    return this.runLock.runExclusive(() => this.catchUpLocked());
  }

  /**
   * Resolves once every live projection has applied the event at `position` (read-your-writes),
   * or after the timeout: the write itself has committed either way, so it never fails.
   */
  async waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.liveRecords().some((r) => r.checkpoint < position) && Date.now() < deadline) {
      const before = this.lowestCheckpoint();
      await this.wake();
      // Nothing new yet: a lower position still in flight, or another instance applying.
      if (this.lowestCheckpoint() === before) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Applies events just appended, in the append's own transaction (SQLite, where the read
   * models share the log's file): a write is then readable when it answers, with no catch-up to
   * wait for. Only when every live projection is exactly at the position before them and the
   * fold holds their incidents' states (nothing to read from the log under the append's lock);
   * otherwise it does nothing and the catch-up applies them after the commit, as always.
   * `stateBefore`: the incident as the writer decided on it, when it is the state just before
   * these events; the fold takes it if it lacks that incident (one fold shared with the writer).
   * Answers what to remember once the append has committed, or null when it applied nothing.
   */
  async applyInAppendTransaction(sql: SqlRunner, events: readonly StoredEvent[], stateBefore?: { incidentId: string; state: IncidentState }): Promise<(() => void) | null> {
    const nothing = null;
    if (stateBefore && events.length > 0 && stateBefore.state.version === events[0].streamVersion - 1) this.liveFold.adopt(stateBefore.incidentId, stateBefore.state);
    const live = this.projections.filter((p) => this.isLive(p.name));
    if (events.length === 0 || live.length === 0 || !this.liveFold.holdsStatesFor(events) || !(await this.leadership.lead())) return nothing;
    // The append's transaction holds SQLite's write lock already; elsewhere the rows are locked.
    if (sql.dialect !== 'sqlite') await lockCheckpoints(sql);
    const current = new Map((await readCheckpoints(sql)).map((r) => [r.name, r]));
    const before = events[0].globalPosition - 1;
    if (live.some((p) => current.get(p.name)?.status !== 'live' || current.get(p.name)?.checkpoint !== before)) return nothing;
    const changes = await this.liveFold.changes(events);
    const records: ProjectionRecord[] = [];
    for (const projection of live) records.push(await applyIsolated(sql, projection, current.get(projection.name)!, [...events], changes));
    await writeProgress(sql, records);
    return () => this.remember(records);
  }

  private liveRecords(): ProjectionRecord[] {
    return [...this.records.values()].filter((r) => this.isLive(r.name));
  }

  private lowestCheckpoint(): number {
    return Math.min(...this.liveRecords().map((r) => r.checkpoint));
  }

  private async catchUpLocked(): Promise<void> {
    this.remember(await readCheckpoints(this.db.reader));
    // Another instance applies the events: this one follows its checkpoints.
    if (!(await this.leadership.lead())) return;
    // Once per catch-up, not per batch: a projection that fails again waits for the next turn.
    await this.dropRetiredTables();
    await this.retryFailedInTime();
    for (;;) {
      this.remember(await readCheckpoints(this.db.reader));
      if (!(await this.leadership.lead())) return;
      const live = this.projections.filter((p) => this.isLive(p.name));
      if (live.length === 0) return;
      const from = Math.min(...live.map((p) => this.records.get(p.name)!.checkpoint));
      const events = await this.store.readAll(from, this.options.batchSize);
      if (events.length === 0) return;
      const changes = await this.liveFold.changes(events);
      const updated = await this.db.transaction(async (sql) => {
        // Another process (the CLI, an instance that lost the lead a moment ago) may have applied
        // some of these events: the checkpoints read under lock in this transaction are the ones that count.
        await lockCheckpoints(sql);
        const current = new Map((await readCheckpoints(sql)).map((r) => [r.name, r]));
        const records: ProjectionRecord[] = [];
        const moved: ProjectionRecord[] = [];
        for (const projection of live) {
          const record = current.get(projection.name)!;
          const unseen = events.filter((e) => e.globalPosition > record.checkpoint);
          if (record.status !== 'live' || unseen.length === 0) {
            records.push(record);
            continue;
          }
          const next = await applyIsolated(sql, projection, record, unseen, changes);
          records.push(next);
          moved.push(next);
        }
        await writeProgress(sql, moved);
        return records;
      });
      // Only after the commit: a failed commit leaves the remembered checkpoints as they were.
      this.remember(updated);
      if (events.length < this.options.batchSize) return;
      await yieldToEventLoop();
    }
  }

  /**
   * A failure may have been passing (a deadlock, a busy file, a full disk): a failed projection
   * is tried again from its checkpoint once it has stayed failed for a while.
   */
  private async retryFailedInTime(): Promise<void> {
    const now = Date.now();
    for (const record of this.records.values()) {
      if (record.status !== 'failed') this.failedSince.delete(record.name);
      else if (!this.failedSince.has(record.name)) this.failedSince.set(record.name, now);
    }
    const due = [...this.failedSince].filter(([, since]) => now - since >= this.options.retryFailedAfterMs).map(([name]) => name);
    if (due.length === 0) return;
    await this.db.transaction((sql) => retryFailedProjections(sql, due));
    due.forEach((name) => this.failedSince.delete(name));
    this.remember(await readCheckpoints(this.db.reader));
  }

  /** Replaced tables go once every query that may have picked them before the swap has ended. */
  private async dropRetiredTables(): Promise<void> {
    const grace = this.options.retiredTablesGraceMs;
    if (grace > 0 && Date.now() - this.retiredTablesCheckedAt < grace) return;
    this.retiredTablesCheckedAt = Date.now();
    const before = new Date(Date.now() - grace + 1).toISOString();
    await this.db.transaction((sql) => dropRetiredTables(sql, before));
  }

  /** Whether the projection's live tables are current: applied as events arrive, by this code's version of it. */
  isLive(name: string): boolean {
    return this.records.get(name)?.status === 'live' && !this.outdated.has(name);
  }

  /** Takes what the database says of the projections this engine runs. */
  private remember(records: readonly ProjectionRecord[]): void {
    for (const record of records) if (this.records.has(record.name)) this.records.set(record.name, record);
  }

  /**
   * Rebuilds projections from position 0 into new tables while reads go on from the current
   * ones, then swaps the generations in one transaction.
   */
  async rebuild(names: readonly string[] = this.projections.map((p) => p.name), onProgress?: (p: RebuildProgress) => void): Promise<void> {
    const projections = this.pick(names);
    try {
      const built = await this.aside.build(projections, onProgress);
      await this.runLock.runExclusive(() => this.swapIn(built));
    } catch (error) {
      projections.forEach((p) => this.rebuildFailures.set(p.name, `rebuild failed: ${errorMessage(error)}`));
      throw error;
    }
  }

  /** The rebuilt tables take over in one transaction; the replaced ones are dropped a little later. */
  private async swapIn(built: BuiltAside[]): Promise<void> {
    const checkpoint = await this.aside.finish(built);
    const swapped = await this.db.transaction(async (sql) => {
      await lockCheckpoints(sql);
      // What the database says now, not what this process saw: the tables it retires are the live ones.
      const current = new Map((await readCheckpoints(sql)).map((r) => [r.name, r]));
      const records = built.map(({ projection, generation }): ProjectionRecord => ({
        ...current.get(projection.name)!,
        version: projection.version, generation, checkpoint, status: 'live', error: null, failedPosition: null,
        tables: physicalTables(projection, generation),
      }));
      for (const record of records) {
        await retireTables(sql, current.get(record.name)!.tables, new Date().toISOString());
        await writeCheckpoint(sql, record);
      }
      await releaseClaims(sql, records.map((r) => r.name));
      return records;
    });
    for (const record of swapped) {
      this.records.set(record.name, record);
      this.rebuilds.finish(record.name);
      this.rebuildFailures.delete(record.name);
      this.outdated.delete(record.name);
    }
  }

  /**
   * Starts a rebuild and returns once it is under way (the name checked, the tables being
   * built); `finished` settles when the new tables have taken over.
   */
  startRebuild(name: string): { finished: Promise<void> } {
    this.pick([name]);
    if (this.isRebuilding(name)) throw new RebuildInProgress(name);
    const finished = this.rebuild([name]);
    // Never an unhandled rejection: a failure is kept by `rebuild` and shown by `status`.
    finished.catch((error: unknown) => this.options.onError(error));
    return { finished };
  }

  /**
   * Rebuilds every projection aside and compares the result with the live tables, row by row, both
   * read in one snapshot of the database in which the live tables stand exactly where the rebuilt
   * ones do. Writes may go on meanwhile (a server applies them to the live tables in their own
   * transactions): tables compared at two positions differ without either being wrong.
   */
  async verify(onProgress?: (p: RebuildProgress) => void): Promise<TableDifference[]> {
    const built = await this.aside.build(this.projections, onProgress, false);
    return this.runLock.runExclusive(async () => {
      try {
        const { snapshot, live } = await this.snapshotAlignedWith(built);
        try {
          const differences: TableDifference[] = [];
          for (const { projection, generation } of built) {
            for (const table of Object.keys(projection.tables)) {
              const [liveTable, rebuiltTable] = [live.get(projection.name)!.generation, generation].map((g) => physicalTableName(projection.name, table, g));
              const difference = await compareTables(snapshot.reader, projection.name, table, liveTable, rebuiltTable);
              if (difference) differences.push(difference);
            }
          }
          return differences;
        } finally {
          await snapshot.close();
        }
      } finally {
        await this.aside.discard(built);
      }
    });
  }

  async status(): Promise<ProjectionStatusView[]> {
    const head = await this.store.headPosition();
    return this.projections.map((projection) => {
      const record = this.records.get(projection.name)!;
      const progress = this.rebuilds.progress(projection.name);
      const rebuildFailure = this.rebuildFailures.get(projection.name);
      // An outdated projection whose rebuild failed applies nothing: it has failed.
      const failed = record.status === 'failed' || (this.outdated.has(projection.name) && !progress && rebuildFailure !== undefined);
      const error = record.error ?? rebuildFailure;
      return {
        name: projection.name,
        version: record.version,
        checkpoint: record.checkpoint,
        headPosition: head,
        lag: Math.max(0, head - record.checkpoint),
        status: failed ? 'failed' : progress || this.outdated.has(projection.name) ? 'rebuilding' : 'live',
        ...(progress ? { progress } : {}),
        ...(error ? { error } : {}),
        ...(record.failedPosition !== null ? { failedPosition: record.failedPosition } : {}),
      };
    });
  }

  isRebuilding(name: string): boolean {
    return this.rebuilds.progress(name) !== undefined;
  }

  private pick(names: readonly string[]): Projection[] {
    return names.map((name) => {
      const projection = this.projections.find((p) => p.name === name);
      if (!projection) throw new UnknownProjection(name);
      return projection;
    });
  }

  /**
   * A snapshot of the database in which every live projection's checkpoint is the position the
   * rebuilt tables reached, with the live records as that snapshot holds them. Each try catches
   * up, brings the rebuilt tables to the log's head, then opens a snapshot and reads the
   * checkpoints in it; a write committed in between leaves the live tables ahead, and it tries
   * again (a try costs milliseconds; the comparison runs once).
   */
  private async snapshotAlignedWith(built: BuiltAside[]): Promise<{ snapshot: ReadSnapshot; live: Map<string, ProjectionRecord> }> {
    for (let attempt = 1; ; attempt++) {
      await this.catchUpLocked();
      const position = await this.aside.finish(built);
      const snapshot = await this.db.openSnapshot();
      let live: Map<string, ProjectionRecord>;
      try {
        live = new Map((await readCheckpoints(snapshot.reader)).map((r) => [r.name, r]));
      } catch (error) {
        await snapshot.close();
        throw error;
      }
      const aligned = built.every(({ projection }) => {
        const record = live.get(projection.name);
        // A failed projection stays where it failed: it is compared as it is, and differs.
        return record !== undefined && (record.status !== 'live' || record.checkpoint === position);
      });
      if (aligned) return { snapshot, live };
      await snapshot.close();
      if (attempt === VERIFY_ALIGNMENT_TRIES) {
        throw new VerifyOutpacedByWrites(attempt);
      }
    }
  }

}
