import { PostgresReadModelDatabase } from '../../src/database/postgres/postgres-read-model-database';
import { SqliteConnection } from '../../src/database/sqlite/sqlite-connection';
import { SqliteReadModelDatabase } from '../../src/database/sqlite/sqlite-read-model-database';
import { ReadModelDatabase } from '../../src/database/sql-runner';
import { EventStore } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../src/projections/all-projections';
import { ProjectionEngine, ProjectionEngineOptions } from '../../src/projections/engine/projection-engine';
import { createTestDatabase } from './postgres';
import { IncidentLog, tempDatabase } from './reliability';

/** A store, its read models and an engine over every projection, on a real database, made for one test and gone after it. */
export interface EngineSubject {
  store: EventStore;
  db: ReadModelDatabase;
  engine: ProjectionEngine;
  log: IncidentLog;
  /** The store's class, for tests that watch its reads as they pass. */
  storeClass: typeof SqliteEventStore | typeof PostgresEventStore;
  close(): Promise<void>;
}

/** Polls never (tests wake the engine), and replaced tables go at the next catch-up. */
const QUIET: Partial<ProjectionEngineOptions> = { pollIntervalMs: 60_000, retiredTablesGraceMs: 0 };

/**
 * The same engine on each store: SQLite in a temporary file, PostgreSQL in a fresh database of the
 * test server. `initialise` (default true) makes the projections' tables before the test writes.
 */
export const ENGINE_SUBJECTS: Record<'SQLite' | 'PostgreSQL', (options: Partial<ProjectionEngineOptions>, initialise?: boolean) => Promise<EngineSubject>> = {
  SQLite: async (options, initialise = true) => {
    const folder = tempDatabase();
    const connection = new SqliteConnection(folder.file);
    const store = new SqliteEventStore(connection);
    const db = new SqliteReadModelDatabase(connection);
    const engine = new ProjectionEngine(store, db, allProjections(), { ...QUIET, ...options });
    if (initialise) await engine.initialise();
    return {
      store, db, engine, log: new IncidentLog(store), storeClass: SqliteEventStore,
      async close() {
        await engine.stop();
        connection.close();
        folder.remove();
      },
    };
  },
  PostgreSQL: async (options, initialise = true) => {
    const database = await createTestDatabase();
    const store = await PostgresEventStore.open(database.url);
    const db = new PostgresReadModelDatabase(database.url);
    const engine = new ProjectionEngine(store, db, allProjections(), { ...QUIET, ...options });
    if (initialise) await engine.initialise();
    return {
      store, db, engine, log: new IncidentLog(store), storeClass: PostgresEventStore,
      async close() {
        await engine.stop();
        await db.close();
        await store.close();
        await database.drop();
      },
    };
  },
};
