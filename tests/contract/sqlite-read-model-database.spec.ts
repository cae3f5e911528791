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

describe('SQLite bulk load of a database file', () => {
  it('commits its transactions on a writer thread of its own, so a transaction of the load that reads is refused, saying why', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'incident-log-sqlite-'));
    const database = new SqliteReadModelDatabase(new SqliteConnection(join(folder, 'incident-log.db')));
    try {
      await database.transaction((tx) => tx.run('CREATE TABLE tallies (id TEXT PRIMARY KEY, killed INTEGER NOT NULL)'));
      const load = database.duringBulkLoad((bulk) => bulk.transaction((tx) => tx.all('SELECT id FROM tallies')));
      await expect(load).rejects.toThrow('a bulk load only writes: its transactions cannot read');
    } finally {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
