import pg from 'pg';
import { ReadModelDatabase, ReadSnapshot, SqlParam, SqlRunner } from '../sql-runner';
import { ADVISORY_LOCKS } from './advisory-locks';
import { createPostgresPool, inTransaction, PostgresErrorListener } from './postgres-pool';

/**
 * Rewrites the `?` placeholders read models are written with into PostgreSQL's `$1..$n`.
 * A `?` inside a single-quoted string or a double-quoted identifier is text, not a placeholder.
 * (So PostgreSQL's own `?` JSON operators cannot be used here: write `jsonb_exists` instead.)
 */
export function toPostgresPlaceholders(sql: string): string {
  let out = '';
  let index = 0;
  let quote: "'" | '"' | null = null;
  for (const char of sql) {
    if (quote) {
      // A doubled quote inside a quoted run ('it''s') closes and reopens it: same result.
      if (char === quote) quote = null;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else if (char === '?') {
      out += `$${++index}`;
    } else {
      out += char;
    }
  }
  return out;
}

/** Each SQL text is rewritten once. */
const rewritten = new Map<string, string>();
function postgresSql(sql: string): string {
  let text = rewritten.get(sql);
  if (text === undefined) {
    text = toPostgresPlaceholders(sql);
    rewritten.set(sql, text);
  }
  return text;
}

class PostgresStatements implements SqlRunner {
  readonly dialect = 'postgres' as const;
  constructor(private readonly queryable: pg.Pool | pg.PoolClient) {}

  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    const result = await this.queryable.query(postgresSql(sql), [...params]);
    return result.rowCount ?? 0;
  }

  async runEach(sql: string, rows: readonly (readonly SqlParam[])[]): Promise<number> {
    let changes = 0;
    for (const row of rows) changes += await this.run(sql, row);
    return changes;
  }

  async all<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    const result = await this.queryable.query(postgresSql(sql), [...params]);
    return result.rows as T[];
  }

  async get<T>(sql: string, params: readonly SqlParam[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
}

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
