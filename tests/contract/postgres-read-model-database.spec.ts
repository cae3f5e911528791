import { PostgresReadModelDatabase, toPostgresPlaceholders } from '../../src/database/postgres/postgres-read-model-database';
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
