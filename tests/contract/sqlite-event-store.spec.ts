import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteConnection } from '../../src/database/sqlite/sqlite-connection';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-sqlite-'));
  const file = join(folder, 'incident-log.db');
  const store = new SqliteEventStore(new SqliteConnection(file));
  return {
    store,
    reopen: async () => new SqliteEventStore(new SqliteConnection(file)),
    rawSql: {
      dialect: 'sqlite',
      execute: async (sql: string) => {
        const raw = new Database(file);
        try {
          return raw.prepare(sql).run();
        } finally {
          raw.close();
        }
      },
    },
    close: async () => {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
