import { join } from 'node:path';
import { AppConfig, ConfigError } from '../config/app-config';
import { ReadModelDatabase } from '../database/sql-runner';
import { SqliteConnection } from '../database/sqlite/sqlite-connection';
import { SqliteReadModelDatabase } from '../database/sqlite/sqlite-read-model-database';
import { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { allProjections } from '../projections/all-projections';
import { ProjectionEngine } from '../projections/engine/projection-engine';

/** The store, the read-model database and the projections over them, as the configuration asks. */
export interface Storage {
  store: EventStore;
  readModels: ReadModelDatabase;
  projections: ProjectionEngine;
  close(): Promise<void>;
}

export const SQLITE_FILE_NAME = 'incident-log.sqlite';

export async function openStorage(config: AppConfig): Promise<Storage> {
  if (config.eventStore !== 'sqlite') throw new ConfigError(`EVENT_STORE=${config.eventStore} is not available in this build`);
  // One connection for the log and the read models: they share the file and its lock.
  const connection = new SqliteConnection(join(config.dataDir, SQLITE_FILE_NAME));
  const store = new SqliteEventStore(connection);
  const readModels = new SqliteReadModelDatabase(connection);
  const projections = new ProjectionEngine(store, readModels, allProjections());
  return {
    store,
    readModels,
    projections,
    async close() {
      await projections.stop();
      await store.close();
    },
  };
}
