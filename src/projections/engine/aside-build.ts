import { BulkLoad, ReadModelDatabase } from '../../database/sql-runner';
import { EventStore, StoredEvent } from '../../event-store/event-store.port';
import { claimRebuild, lockCheckpoints, releaseClaims, renewClaims } from './checkpoint-store';
import { IncidentChange, IncidentFold } from './incident-fold';
import { relevant } from './isolated-apply';
import { Projection } from './projection';
import { RebuildInProgress } from './projection-errors';
import { contextFor, createTables, dropTables, finishBulkLoad } from './projection-tables';
import { withRebuildHeap } from './rebuild-heap';
import { RebuildProgress, RebuildTracker } from './rebuild-tracker';
import { yieldToEventLoop } from './yield-to-event-loop';

/**
 * Facts a rebuild's fold keeps in memory (the live fold keeps 100,000). Read stream after stream,
 * a rebuild needs one incident's state at a time; read in global order (KurrentDB, and the events
 * written while the rebuild ran) a state is needed again only while its incident's events keep
 * coming, and one dropped is folded again from its stream (the state in use is never dropped,
 * however big). With 40,000 a 1M-event replay of short incidents peaked 20–30 MiB higher and ran no faster.
 */
const REBUILD_FOLD_FACTS = 20_000;

/** One projection's tables being built aside, in a generation of their own, and how far in the log they reach. */
export interface BuiltAside {
  projection: Projection;
  generation: number;
  checkpoint: number;
  fold: IncidentFold;
}

/**
 * Builds projections' tables aside from position 0 while the live ones go on serving reads and
 * taking writes: the rebuild swaps them in once they have caught up, `verify` compares them with
 * the live ones and drops them. Aside tables are no one's but the build's: no savepoint per
 * projection, no checkpoint per batch (the generation is claimed in the database, the claim renewed).
 */
export class AsideBuilder {
  /** `batchSize`: events per batch read from the log. */
  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly rebuilds: RebuildTracker,
    private readonly batchSize: number,
  ) {}

  /**
   * Claims a generation for each projection, makes its tables and replays the log into them, up
   * to where the log ended meanwhile. `keep`: false when the tables are only compared, then
   * dropped (verify): no indexes, nothing made durable.
   */
  async build(projections: readonly Projection[], onProgress?: (p: RebuildProgress) => void, keep = true): Promise<BuiltAside[]> {
    const busy = projections.find((p) => this.rebuilds.progress(p.name) !== undefined);
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
      await withRebuildHeap(() =>
        this.db.duringBulkLoad(async (load) => {
          await this.load(built, load, head, onProgress);
          // The indexes are the load's last transaction: on SQLite its writer thread builds them,
          // and the server's thread goes on (building them there stalled it for 100–150 ms per 100,000 events).
          if (keep) {
            await load.transaction(async (sql) => {
              for (const { projection, generation } of built) await finishBulkLoad(sql, projection, generation);
            });
          }
        }),
      );
      return built;
    } catch (error) {
      await this.discard(built);
      throw error;
    }
  }

  /**
   * Applies the events written since the build last read, up to the head as it is now, in
   * ordinary transactions (the caller holds the run lock); answers the position reached. Those
   * written meanwhile are the live catch-up's, once the tables are swapped in: chasing them could
   * go on for as long as writes keep coming.
   */
  async finish(built: BuiltAside[]): Promise<number> {
    const head = await this.store.headPosition();
    const ordinary: BulkLoad = { transaction: (work) => this.db.transaction(work) };
    for (;;) {
      const events = await this.readUpTo(built[0].checkpoint, head);
      if (events.length === 0) return built[0].checkpoint;
      await this.write(built, ordinary, events, await built[0].fold.changes(events));
      reachedBy(built, events);
    }
  }

  /** Drops the tables and gives the claim back. */
  async discard(built: BuiltAside[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      for (const { projection, generation } of built) await dropTables(sql, projection, generation);
      await releaseClaims(sql, built.map((b) => b.projection.name));
    });
    built.forEach(({ projection }) => this.rebuilds.finish(projection.name));
  }

  /**
   * Replays the whole log into the aside tables: up to the head as the rebuild began, stream after
   * stream where the store can read so (each incident folded from its first event to its last in
   * one go: one state in memory at a time, and none folded again however the incidents interleave
   * in the log; an incident's rows depend on its own events alone, so the order of incidents
   * changes no row); then, and where it cannot, in global order, up to the head as it is then.
   */
  private async load(built: BuiltAside[], load: BulkLoad, head: number, onProgress?: (p: RebuildProgress) => void): Promise<void> {
    const progress = (done: number) => {
      built.forEach(({ projection }) => this.rebuilds.advance(projection.name, done));
      if (onProgress) onProgress(this.rebuilds.progress(built[0].projection.name)!);
    };
    const byStream = await this.store.readByStream(null, head, this.batchSize);
    if (byStream !== null) {
      // Progress counts the events replayed (positions, on a log without gaps).
      let replayed = 0;
      const next = async (last: StoredEvent) => (await this.store.readByStream({ streamId: last.streamId, streamVersion: last.streamVersion }, head, this.batchSize)) ?? [];
      await this.replay(built, load, byStream, next, (events) => progress(Math.min(head, (replayed += events.length))));
      built.forEach((b) => (b.checkpoint = head));
    }
    // Up to the head as it is now; `finish` takes the rest, under the run lock.
    const until = await this.store.headPosition();
    const from = built[0].checkpoint;
    await this.replay(built, load, await this.readUpTo(from, until), (last) => this.readUpTo(last.globalPosition, until), (events) => progress(reachedBy(built, events)));
  }

  /** A batch of the events after `after` in global order, those up to `until` only. */
  private async readUpTo(after: number, until: number): Promise<StoredEvent[]> {
    if (after >= until) return [];
    return (await this.store.readAll(after, this.batchSize)).filter((e) => e.globalPosition <= until);
  }

  /**
   * A pipeline: while one batch is written, the next is read (on PostgreSQL, on another
   * connection) and folded (while the writes wait on the database). The fold's changes keep
   * copies of what they need, so folding ahead leaves the batch being written as it was.
   * `readAfter` reads the batch after a batch's last event; `written` is told of each batch given to the load.
   */
  private async replay(
    built: BuiltAside[], load: BulkLoad, first: StoredEvent[], readAfter: (last: StoredEvent) => Promise<StoredEvent[]>, written: (events: StoredEvent[]) => void,
  ): Promise<void> {
    const fold = built[0].fold;
    let events = first;
    let folding = events.length > 0 ? fold.changes(events) : null;
    while (folding) {
      const reading = readAfter(events.at(-1)!);
      reading.catch(() => undefined);
      const batch = events;
      const writing = folding.then((changes) => this.write(built, load, batch, changes));
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

  /** During the load the transaction may still be queued when this returns (the load's end waits for it). */
  private async write(built: BuiltAside[], load: BulkLoad, events: StoredEvent[], changes: ReadonlyMap<string, IncidentChange>): Promise<void> {
    await load.transaction(async (sql) => {
      for (const { projection, generation } of built) {
        await projection.apply(contextFor(sql, projection, generation), relevant(projection, events), changes);
        // Requests waiting get in between two projections' rows, not only between two batches.
        await yieldToEventLoop();
      }
      await renewClaims(sql, built.map((b) => b.projection.name), new Date());
    });
  }
}

/** Marks the builds as reaching the last of these events (given in global order); answers its position. */
function reachedBy(built: BuiltAside[], events: readonly StoredEvent[]): number {
  const last = events.at(-1)!.globalPosition;
  built.forEach((b) => (b.checkpoint = last));
  return last;
}
