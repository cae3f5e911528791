import { Mutex } from 'async-mutex';
import { BulkLoad, ReadModelDatabase, SqlRunner } from '../../database/sql-runner';
import { EventStore, StoredEvent } from '../../event-store/event-store.port';
import { IncidentState } from '../../domain/incident/incident-state';
import {
  ProjectionRecord, claimRebuild, createCheckpointTable, dropRetiredTables, insertCheckpointIfMissing, lockCheckpoints, readCheckpoints,
  releaseClaims, renewClaims, retireTables, retryFailedProjections, writeCheckpoint, writeCheckpoints,
} from './checkpoint-store';
import { IncidentChange, IncidentFold } from './incident-fold';
import { Projection } from './projection';
import { contextFor, createTables, dropTables, finishBulkLoad, physicalTableName, physicalTables } from './projection-tables';
import { withRebuildHeap } from './rebuild-heap';
import { RebuildProgress, RebuildTracker } from './rebuild-tracker';
import { ProjectionLeadership, SoleLeadership } from './leadership';

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

export interface TableDifference {
  projection: string;
  table: string;
  onlyInLive: unknown[];
  onlyInRebuilt: unknown[];
}

/**
 * Facts a rebuild's fold keeps in memory (the live fold keeps 100,000). Read stream after stream,
 * a rebuild needs one incident's state at a time; read in global order (KurrentDB, and the events
 * written while the rebuild ran) a state is needed again only while its incident's events keep
 * coming, and one dropped is folded again from its stream (the state in use is never dropped,
 * however big). With 40,000 a 1M-event replay of short incidents peaked 20–30 MiB higher and ran no faster.
 */
const REBUILD_FOLD_FACTS = 20_000;

/** The grace is longer than any read takes; other instances learn of a swap at their next poll. */
const DEFAULT_OPTIONS: ProjectionEngineOptions = {
  batchSize: 1000,
  pollIntervalMs: 500,
  retiredTablesGraceMs: 30_000,
  retryFailedAfterMs: 60_000,
  onError: (error) => console.warn(`projections: catch-up failed, retrying at the next poll: ${errorMessage(error)}`),
};

/**
 * Runs projections from the store's global log. Each batch is applied, for every projection,
 * together with its new checkpoint in one transaction: a crash can neither skip nor repeat an
 * event. A projection that throws is marked failed (inside its own savepoint) and the others go on.
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

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    readonly projections: readonly Projection[],
    options: Partial<ProjectionEngineOptions> = {},
    private readonly leadership: ProjectionLeadership = new SoleLeadership(),
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.liveFold = new IncidentFold(store);
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
    for (const projection of live) records.push(await this.applyIsolated(sql, projection, current.get(projection.name)!, [...events], changes));
    await writeCheckpoints(sql, records);
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
          const next = await this.applyIsolated(sql, projection, record, unseen, changes);
          records.push(next);
          moved.push(next);
        }
        await writeCheckpoints(sql, moved);
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
   * Applies events to one projection inside a savepoint, so its failure leaves the others' work;
   * answers its record after them (the caller writes every projection's in one statement).
   */
  private async applyIsolated(
    sql: SqlRunner, projection: Projection, record: ProjectionRecord, events: StoredEvent[], changes: ReadonlyMap<string, IncidentChange>,
  ): Promise<ProjectionRecord> {
    const context = contextFor(sql, projection, record.generation);
    const checkpoint = events.at(-1)!.globalPosition;
    // Nothing of this batch concerns it: only its checkpoint moves.
    if (relevant(projection, events).length === 0) return { ...record, checkpoint };
    const savepoint = `p_${projection.name.replace(/\W/g, '_')}`;
    await sql.run(`SAVEPOINT ${savepoint}`);
    try {
      await projection.apply(context, relevant(projection, events), changes);
      await sql.run(`RELEASE SAVEPOINT ${savepoint}`);
      return { ...record, checkpoint };
    } catch {
      await sql.run(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      await sql.run(`RELEASE SAVEPOINT ${savepoint}`);
      return this.applyUntilFailure(sql, projection, record, events, changes);
    }
  }

  /** Replays a failed batch one event at a time to find the event that fails; answers the record saying so. */
  private async applyUntilFailure(
    sql: SqlRunner, projection: Projection, record: ProjectionRecord, events: StoredEvent[], changes: ReadonlyMap<string, IncidentChange>,
  ): Promise<ProjectionRecord> {
    const context = contextFor(sql, projection, record.generation);
    let checkpoint = record.checkpoint;
    for (const event of events) {
      await sql.run('SAVEPOINT single_event');
      try {
        await projection.apply(context, relevant(projection, [event]), changes);
        await sql.run('RELEASE SAVEPOINT single_event');
        checkpoint = event.globalPosition;
      } catch (error) {
        await sql.run('ROLLBACK TO SAVEPOINT single_event');
        await sql.run('RELEASE SAVEPOINT single_event');
        return { ...record, checkpoint, status: 'failed', error: errorMessage(error), failedPosition: event.globalPosition };
      }
    }
    return { ...record, checkpoint };
  }

  /**
   * Rebuilds projections from position 0 into new tables while reads go on from the current
   * ones, then swaps the generations in one transaction.
   */
  async rebuild(names: readonly string[] = this.projections.map((p) => p.name), onProgress?: (p: RebuildProgress) => void): Promise<void> {
    const projections = this.pick(names);
    try {
      const built = await this.buildAside(projections, onProgress);
      await this.runLock.runExclusive(() => this.swapIn(built));
    } catch (error) {
      projections.forEach((p) => this.rebuildFailures.set(p.name, `rebuild failed: ${errorMessage(error)}`));
      throw error;
    }
  }

  /** The rebuilt tables take over in one transaction; the replaced ones are dropped a little later. */
  private async swapIn(built: BuiltAside[]): Promise<void> {
    const checkpoint = await this.finishAside(built);
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

  /** Rebuilds every projection aside and compares the result with the live tables, row by row. */
  async verify(onProgress?: (p: RebuildProgress) => void): Promise<TableDifference[]> {
    const built = await this.buildAside(this.projections, onProgress, false);
    return this.runLock.runExclusive(async () => {
      try {
        await this.alignWithLive(built);
        const differences: TableDifference[] = [];
        for (const { projection, generation } of built) {
          const live = this.records.get(projection.name)!.generation;
          for (const table of Object.keys(projection.tables)) {
            const difference = await this.compareTables(projection.name, table, live, generation);
            if (difference) differences.push(difference);
          }
        }
        return differences;
      } finally {
        await this.discard(built);
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

  /** `keep`: false when the tables are only compared, then dropped (verify): no indexes, nothing made durable. */
  private async buildAside(projections: readonly Projection[], onProgress?: (p: RebuildProgress) => void, keep = true): Promise<BuiltAside[]> {
    const busy = projections.find((p) => this.isRebuilding(p.name));
    if (busy) throw new RebuildInProgress(busy.name);
    // Marked before the first await, so a second request for the same rebuild is refused.
    projections.forEach((projection) => this.rebuilds.begin(projection.name, 0));
    const names = projections.map((p) => p.name);
    // Another process (the CLI, another instance) may be rebuilding too: the generation is claimed in the database.
    const claim = await this.db
      .transaction(async (sql) => {
        await lockCheckpoints(sql);
        return claimRebuild(sql, names, new Date());
      })
      .catch((error: unknown) => ({ error }));
    if ('busy' in claim || 'error' in claim) {
      names.forEach((name) => this.rebuilds.finish(name));
      if ('busy' in claim) throw new RebuildInProgress(claim.busy);
      throw claim.error;
    }
    // A rebuild folds from position 0 on its own: the live fold is at another position.
    const fold = new IncidentFold(this.store, REBUILD_FOLD_FACTS);
    const built = projections.map((projection) => ({ projection, generation: claim.generations.get(projection.name)!, checkpoint: 0, fold }));
    try {
      const head = await this.store.headPosition();
      built.forEach(({ projection }) => this.rebuilds.begin(projection.name, head));
      // Secondary indexes come after the bulk load (building one from sorted rows beats keeping it
      // up to date row by row); the primary keys the writes look rows up by are there from the start.
      await this.db.transaction(async (sql) => {
        for (const { projection, generation } of built) {
          await dropTables(sql, projection, generation);
          await createTables(sql, projection, generation, { aside: true });
        }
      });
      await withRebuildHeap(() => this.db.duringBulkLoad((load) => this.loadAside(built, load, head, onProgress)));
      if (keep) {
        await this.db.transaction(async (sql) => {
          for (const { projection, generation } of built) await finishBulkLoad(sql, projection, generation);
        });
      }
      return built;
    } catch (error) {
      await this.discard(built);
      throw error;
    }
  }

  /**
   * Replays the whole log into the aside tables: up to the head as the rebuild began, stream after
   * stream where the store can read so (each incident folded from its first event to its last in
   * one go: one state in memory at a time, and none folded again however the incidents interleave
   * in the log; an incident's rows depend on its own events alone, so the order of incidents
   * changes no row); then, and where it cannot, in global order, up to the end.
   */
  private async loadAside(built: BuiltAside[], load: BulkLoad, head: number, onProgress?: (p: RebuildProgress) => void): Promise<void> {
    const size = this.rebuildBatchSize();
    const progress = (done: number) => {
      built.forEach(({ projection }) => this.rebuilds.advance(projection.name, done));
      if (onProgress) onProgress(this.rebuilds.progress(built[0].projection.name)!);
    };
    const byStream = await this.store.readByStream(null, head, size);
    if (byStream !== null) {
      // Progress counts the events replayed (positions, on a log without gaps).
      let replayed = 0;
      const next = async (last: StoredEvent) => (await this.store.readByStream({ streamId: last.streamId, streamVersion: last.streamVersion }, head, size)) ?? [];
      await this.replayAside(built, load, byStream, next, (events) => progress(Math.min(head, (replayed += events.length))));
      built.forEach((b) => (b.checkpoint = head));
    }
    const from = built[0].checkpoint;
    await this.replayAside(built, load, await this.store.readAll(from, size), (last) => this.store.readAll(last.globalPosition, size), (events) => {
      const last = events.at(-1)!.globalPosition;
      built.forEach((b) => (b.checkpoint = last));
      progress(last);
    });
  }

  /**
   * A pipeline: while one batch is written, the next is read (on PostgreSQL, on another
   * connection) and folded (while the writes wait on the database). The fold's changes keep
   * copies of what they need, so folding ahead leaves the batch being written as it was.
   * `readAfter` reads the batch after a batch's last event; `written` is told of each batch given to the load.
   */
  private async replayAside(
    built: BuiltAside[], load: BulkLoad, first: StoredEvent[], readAfter: (last: StoredEvent) => Promise<StoredEvent[]>, written: (events: StoredEvent[]) => void,
  ): Promise<void> {
    const fold = built[0].fold;
    let events = first;
    let folding = events.length > 0 ? fold.changes(events) : null;
    while (folding) {
      const reading = readAfter(events.at(-1)!);
      reading.catch(() => undefined);
      const batch = events;
      const writing = folding.then((changes) => this.writeAside(built, load, batch, changes));
      writing.catch(() => undefined);
      const next = await reading;
      // After the batch before it is folded: the fold's states grow in place, batch after batch.
      const folded = folding;
      folding = next.length > 0 ? folded.then(() => fold.changes(next)) : null;
      folding?.catch(() => undefined);
      await writing;
      written(batch);
      events = next;
      // Let requests in between batches: reads go on from the live tables meanwhile.
      await yieldToEventLoop();
    }
  }

  /** Brings the live and the rebuilt tables to the same position, chasing writes still arriving. */
  private async alignWithLive(built: BuiltAside[]): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      await this.catchUpLocked();
      const position = await this.finishAside(built);
      if (this.liveRecords().every((r) => r.checkpoint === position)) return;
    }
  }

  /** Under the run lock: applies the last events written since the aside build last read. */
  private async finishAside(built: BuiltAside[]): Promise<number> {
    while (await this.applyAsideBatch(built));
    return built[0].checkpoint;
  }

  private async applyAsideBatch(built: BuiltAside[]): Promise<boolean> {
    const events = await this.store.readAll(built[0].checkpoint, this.rebuildBatchSize());
    if (events.length === 0) return false;
    await this.applyAsideEvents(built, events);
    const last = events.at(-1)!.globalPosition;
    built.forEach((b) => (b.checkpoint = last));
    return true;
  }

  private rebuildBatchSize(): number {
    return this.options.rebuildBatchSize ?? (this.db.dialect === 'sqlite' ? this.options.batchSize : this.options.batchSize * 5);
  }

  /** The last events, after the load: in ordinary transactions. */
  private async applyAsideEvents(built: BuiltAside[], events: StoredEvent[]): Promise<void> {
    const ordinary: BulkLoad = { transaction: (work) => this.db.transaction(work) };
    await this.writeAside(built, ordinary, events, await built[0].fold.changes(events));
  }

  /**
   * Aside tables are no one's but the rebuild's: no savepoint per projection, no checkpoint per
   * batch (the claim is renewed). During the load the transaction may still be queued when this
   * returns (the load's end waits for it).
   */
  private async writeAside(built: BuiltAside[], load: BulkLoad, events: StoredEvent[], changes: ReadonlyMap<string, IncidentChange>): Promise<void> {
    await load.transaction(async (sql) => {
      for (const { projection, generation } of built) {
        await projection.apply(contextFor(sql, projection, generation), relevant(projection, events), changes);
      }
      await renewClaims(sql, built.map((b) => b.projection.name), new Date());
    });
  }

  private async discard(built: BuiltAside[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      for (const { projection, generation } of built) await dropTables(sql, projection, generation);
      await releaseClaims(sql, built.map((b) => b.projection.name));
    });
    built.forEach(({ projection }) => this.rebuilds.finish(projection.name));
  }

  private async compareTables(projection: string, table: string, liveGeneration: number, rebuiltGeneration: number): Promise<TableDifference | null> {
    const rows = async (generation: number) =>
      (await this.db.reader.all<Record<string, unknown>>(`SELECT * FROM ${physicalTableName(projection, table, generation)}`)).map((row) =>
        JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)),
      );
    const live = await rows(liveGeneration);
    const rebuilt = await rows(rebuiltGeneration);
    const onlyInLive = multisetMinus(live, rebuilt);
    const onlyInRebuilt = multisetMinus(rebuilt, live);
    if (onlyInLive.length === 0 && onlyInRebuilt.length === 0) return null;
    return { projection, table, onlyInLive: onlyInLive.map((r) => JSON.parse(r)), onlyInRebuilt: onlyInRebuilt.map((r) => JSON.parse(r)) };
  }
}

interface BuiltAside {
  projection: Projection;
  generation: number;
  checkpoint: number;
  fold: IncidentFold;
}

export class UnknownProjection extends Error {
  constructor(readonly projection: string) {
    super(`there is no projection named ${projection}`);
  }
}

export class RebuildInProgress extends Error {
  constructor(readonly projection: string) {
    super(`projection ${projection} is already being rebuilt`);
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const relevant = (projection: Projection, events: readonly StoredEvent[]): StoredEvent[] =>
  events.filter((e) => projection.handles.includes(e.type));

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function multisetMinus(left: string[], right: string[]): string[] {
  const remaining = new Map<string, number>();
  right.forEach((r) => remaining.set(r, (remaining.get(r) ?? 0) + 1));
  return left.filter((l) => {
    const count = remaining.get(l) ?? 0;
    if (count === 0) return true;
    remaining.set(l, count - 1);
    return false;
  });
}
