import pg from 'pg';
import { BulkLoad, ReadModelDatabase, ReadSnapshot, SqlRunner } from '../sql-runner';
import { ADVISORY_LOCKS } from './advisory-locks';
import { PostgresBulkLoad } from './postgres-bulk-load';
import { createPostgresPool, inTransaction, PostgresErrorListener } from './postgres-pool';
import { PostgresStatements } from './postgres-statements';

export class PostgresReadModelDatabase extends ReadModelDatabase {
  readonly dialect = 'postgres' as const;
  readonly reader: SqlRunner;
  private readonly pool: pg.Pool;

  /** `connection`: a connection string or pool settings; the database owns the pool it opens. */
  constructor(connection: string | pg.PoolConfig, onError?: PostgresErrorListener) {
    super();
    this.pool = createPostgresPool(connection, onError);
    this.reader = new PostgresStatements(this.pool);
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, (client) => work(new PostgresStatements(client)));
  }

  /**
   * REPEATABLE READ: every statement sees the snapshot the first one took. The connection is
   * the snapshot's until it is closed; one that cannot even roll back is not given back to the pool.
   */
  async openSnapshot(): Promise<ReadSnapshot> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The snapshot is taken by the first statement: now, not at the caller's first query.
      await client.query('SELECT 1');
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return {
      reader: new PostgresStatements(client),
      async close() {
        let broken: Error | undefined;
        await client.query('ROLLBACK').catch((error: Error) => (broken = error));
        client.release(broken);
      },
    };
  }

  /**
   * On a connection of its own, whose transactions are sent without waiting for each statement
   * (see `PostgresBulkLoad`). A connection that failed is not given back to the pool.
   */
  override async duringBulkLoad<T>(work: (load: BulkLoad) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const load = new PostgresBulkLoad(client);
    let failed = false;
    try {
      const result = await work(load);
      await load.close();
      return result;
    } catch (error) {
      failed = true;
      await load.close().catch(() => undefined);
      throw error;
    } finally {
      client.release(failed);
    }
  }

  /** Instances starting together make their tables one after the other (CREATE … IF NOT EXISTS races). */
  override serialisedTransaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [ADVISORY_LOCKS.readModelSchema]);
      return work(tx);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
