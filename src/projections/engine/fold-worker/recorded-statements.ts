import { SqlParam, SqlRunner } from '../../../database/sql-runner';

/** One statement and the parameters of each of its runs, in order. */
export type RecordedStatement = [sql: string, runs: SqlParam[][]];

/**
 * A SqlRunner that runs nothing: it keeps the writes a projection asks for, to be run later on
 * the connection that owns the transaction (a rebuild folds in one thread and writes in
 * another). Projections only write while they apply events on SQLite; a read would need rows of
 * the transaction that has not run yet, so it is refused.
 */
export class RecordingStatements implements SqlRunner {
  readonly dialect = 'sqlite' as const;
  readonly recorded: RecordedStatement[] = [];

  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    this.recorded.push([sql, [params as SqlParam[]]]);
    return 0;
  }

  async runEach(sql: string, rows: readonly (readonly SqlParam[])[]): Promise<number> {
    if (rows.length > 0) this.recorded.push([sql, rows as SqlParam[][]]);
    return 0;
  }

  all<T>(sql: string): Promise<T[]> {
    return Promise.reject(new Error(`a projection read while its writes were being recorded: ${sql}`));
  }

  get<T>(sql: string): Promise<T | undefined> {
    return Promise.reject(new Error(`a projection read while its writes were being recorded: ${sql}`));
  }
}

/** Runs recorded writes in order, in the caller's transaction. */
export async function runRecorded(sql: SqlRunner, statements: readonly RecordedStatement[]): Promise<void> {
  for (const [statement, runs] of statements) await sql.runEach(statement, runs);
}
