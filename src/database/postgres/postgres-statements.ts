import pg from 'pg';
import { SqlParam, SqlRunner } from '../sql-runner';
import { copyRows } from './postgres-copy';

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
export function postgresSql(sql: string): string {
  let text = rewritten.get(sql);
  if (text === undefined) {
    text = toPostgresPlaceholders(sql);
    rewritten.set(sql, text);
  }
  return text;
}

/** Statements on a pool (each on whichever connection is free) or on one connection (a transaction). */
export class PostgresStatements implements SqlRunner {
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

  async copyRows(table: string, columns: readonly string[], rows: readonly (readonly SqlParam[])[]): Promise<void> {
    if (!(this.queryable instanceof pg.Pool)) return copyRows(this.queryable, table, columns, rows);
    const client = await this.queryable.connect();
    let failed: Error | undefined;
    try {
      await copyRows(client, table, columns, rows);
    } catch (error) {
      failed = error as Error;
      throw error;
    } finally {
      client.release(failed);
    }
  }
}
