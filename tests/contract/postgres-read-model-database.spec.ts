import { PostgresReadModelDatabase } from '../../src/database/postgres/postgres-read-model-database';
import { toPostgresPlaceholders } from '../../src/database/postgres/postgres-statements';
import { createTestDatabase } from '../support/postgres';
import { describeReadModelDatabaseContract } from './read-model-database.contract';

describeReadModelDatabaseContract('PostgreSQL', async () => {
  const testDatabase = await createTestDatabase();
  const database = new PostgresReadModelDatabase(testDatabase.url);
  return {
    database,
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
});

describe('? placeholders rewritten for PostgreSQL', () => {
  it.each([
    ['SELECT ?', 'SELECT $1'],
    ['INSERT INTO t (a, b) VALUES (?, ?)', 'INSERT INTO t (a, b) VALUES ($1, $2)'],
    [`SELECT 'why?' AS q, ? AS p`, `SELECT 'why?' AS q, $1 AS p`],
    [`SELECT 'it''s ?', ?, '?'`, `SELECT 'it''s ?', $1, '?'`],
    [`SELECT "odd?name" FROM t WHERE a = ?`, `SELECT "odd?name" FROM t WHERE a = $1`],
  ])('%s', (sql, expected) => {
    expect(toPostgresPlaceholders(sql)).toBe(expected);
  });
});

describe('PostgreSQL bulk loads', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: PostgresReadModelDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = new PostgresReadModelDatabase(testDatabase.url);
    await database.transaction((tx) => tx.run('CREATE TABLE loaded (id TEXT PRIMARY KEY, n INTEGER NOT NULL)'));
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  // Writes are sent without waiting for their answers: a read must still come after them.
  it('answers a read in a load transaction after the writes sent before it', async () => {
    const seen = await database.duringBulkLoad((load) =>
      load.transaction(async (tx) => {
        for (let n = 1; n <= 50; n++) await tx.run('INSERT INTO loaded (id, n) VALUES (?, ?)', [`row-${n}`, n]);
        return tx.get<{ count: number; total: number }>("SELECT COUNT(*)::int AS count, SUM(n)::int AS total FROM loaded WHERE id LIKE 'row-%'");
      }),
    );
    expect(seen).toEqual({ count: 50, total: 1275 });
  });

  it('leaves nothing of a load transaction whose work throws, and fails the load', async () => {
    const loading = database.duringBulkLoad(async (load) => {
      await load.transaction(async (tx) => {
        await tx.run("INSERT INTO loaded (id, n) VALUES ('half', 1)");
        throw new Error('the projection failed');
      });
    });
    await expect(loading).rejects.toThrow('the projection failed');
    expect(await database.reader.all("SELECT id FROM loaded WHERE id = 'half'")).toEqual([]);
    // The pool still works.
    expect(await database.reader.get('SELECT 1 AS one')).toEqual({ one: 1 });
  });
});
