import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteConnection } from '../../src/database/sqlite/sqlite-connection';
import { SqliteReadModelDatabase } from '../../src/database/sqlite/sqlite-read-model-database';
import { describeReadModelDatabaseContract } from './read-model-database.contract';

describeReadModelDatabaseContract('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-sqlite-'));
  const database = new SqliteReadModelDatabase(new SqliteConnection(join(folder, 'incident-log.db')));
  return {
    database,
    close: async () => {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
