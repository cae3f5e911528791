import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { PostgresReadModelDatabase } from '../database/postgres/postgres-read-model-database';
import { ReadModelDatabase } from '../database/sql-runner';
import { SqliteConnection } from '../database/sqlite/sqlite-connection';
import { SqliteReadModelDatabase } from '../database/sqlite/sqlite-read-model-database';
import { EventStore } from '../event-store/event-store.port';
import { KurrentDbEventStore } from '../event-store/kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { allProjections } from '../projections/all-projections';
import { ProjectionLeadership, SoleLeadership } from '../projections/engine/leadership';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { PostgresAdvisoryLeadership } from './postgres-leadership';
import { listenForAppends } from './postgres-appended-listener';
import { UpcastingEventStore } from '../event-store/upcasting-event-store';
import { inCurrentShape } from '../log/incident-log-events';

/** The store, the read-model database and the projections over them, as the configuration asks. */
export interface Storage {
  /** The log as every reader sees it: events upcast to the current shape of their type. */
  store: EventStore;
  /** The log exactly as stored, for copying it elsewhere (`migrate`). */
  storedLog: EventStore;
  readModels: ReadModelDatabase;
  projections: ProjectionEngine;
  close(): Promise<void>;
}

export const SQLITE_FILE_NAME = 'incident-log.sqlite';

interface Parts {
  store: EventStore;
  readModels: ReadModelDatabase;
  leadership: ProjectionLeadership;
  /** Wakes the projections as events arrive, where the store can push them; polling covers the rest. */
  subscribe?: (wake: () => void) => Promise<{ stop(): Promise<void> }>;
}

/** Read models live beside the log where they can (one transaction for rows and checkpoint). */
async function openParts(config: AppConfig): Promise<Parts> {
  switch (config.eventStore) {
    case 'sqlite': {
      // One connection for the log and the read models: they share the file and its lock.
      const connection = new SqliteConnection(join(config.dataDir, SQLITE_FILE_NAME), config.sqliteSynchronous);
      return { store: new SqliteEventStore(connection), readModels: new SqliteReadModelDatabase(connection), leadership: new SoleLeadership() };
    }
    case 'postgres': {
      const url = config.databaseUrl!;
      return {
        store: await PostgresEventStore.open(url), readModels: new PostgresReadModelDatabase(url), leadership: new PostgresAdvisoryLeadership(url),
        subscribe: (wake) => listenForAppends(url, wake),
      };
    }
    case 'kurrentdb': {
      const store = new KurrentDbEventStore(config.kurrentDbUrl!);
      // A catch-up subscription to $all from the head wakes the projections, which then read from their checkpoints.
      const subscribe = async (wake: () => void) => store.subscribeFrom(await store.headPosition(), async () => wake());
      if (config.readModelUrl) {
        return {
          store, subscribe,
          readModels: new PostgresReadModelDatabase(config.readModelUrl), leadership: new PostgresAdvisoryLeadership(config.readModelUrl),
        };
      }
      const connection = new SqliteConnection(join(config.dataDir, 'read-models.sqlite'), config.sqliteSynchronous);
      return { store, subscribe, readModels: new SqliteReadModelDatabase(connection), leadership: new SoleLeadership() };
    }
  }
}

export async function openStorage(config: AppConfig): Promise<Storage> {
  const { store: storedLog, readModels, leadership, subscribe } = await openParts(config);
  const store = new UpcastingEventStore(storedLog, inCurrentShape);
  const projections = new ProjectionEngine(store, readModels, allProjections(), {}, leadership);
  const subscription = subscribe ? await subscribe(() => void projections.wake()) : null;
  return {
    store,
    storedLog,
    readModels,
    projections,
    async close() {
      await subscription?.stop();
      await projections.stop();
      await store.close();
      await readModels.close();
    },
  };
}
