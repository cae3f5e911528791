import pg from 'pg';
import { BulkLoad, SqlParam, SqlRunner } from '../sql-runner';
import { copyRows } from './postgres-copy';
import { postgresSql } from './postgres-statements';

/** Transactions sent and not yet committed, at most: enough to keep the server busy, few enough to bound memory. */
const MAX_QUEUED = 2;

/**
 * A bulk load's transactions on a connection of their own, whose statements are queued there
 * without the caller waiting for their answers (the connection runs them one after the other):
 * the server inserts one batch's rows while the caller folds the next and builds its rows,
 * instead of each waiting for the other. A bulk load only writes (projections
 * apply events with `run` and `runEach`); a read (the column types `insertMany` looks up once)
 * waits for its answer, after the statements sent before it. Transactions commit in the order
 * given, without waiting for the disk: the rebuild's swap, an ordinary commit after them, flushes
 * the WAL up to itself and so makes them durable.
 */
export class PostgresBulkLoad implements BulkLoad {
  /** Each queued transaction's COMMIT, oldest first. */
  private readonly commits: Promise<void>[] = [];
  /** The first failure: later transactions are refused with it, and `close` throws it. */
  private failure: Error | null = null;
  /** The statement queued last: the next runs after it. */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly client: pg.PoolClient) {}

  /** Resolves once the transaction is sent and there is room for another, not once committed (`close` waits for that). */
  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    while (this.commits.length >= MAX_QUEUED) await this.commits.shift();
    if (this.failure) throw this.failure;
    void this.send('BEGIN');
    void this.send('SET LOCAL synchronous_commit = off');
    try {
      const result = await work(new SentStatements({
        send: (sql, params) => this.send(sql, params),
        copy: (table, columns, rows) => this.enqueued(() => copyRows(this.client, table, columns, rows)),
        read: (sql, params) => this.read(sql, params),
      }));
      // A statement that failed made PostgreSQL turn this COMMIT into a rollback: the failure says so.
      this.commits.push(this.send('COMMIT'));
      return result;
    } catch (error) {
      this.failure ??= error as Error;
      await this.send('ROLLBACK');
      throw error;
    }
  }

  /** Waits for every transaction sent to commit, and throws the first failure if one failed. */
  async close(): Promise<void> {
    await Promise.all(this.commits.splice(0));
    if (this.failure) throw this.failure;
  }

  /**
   * Queues a statement after those sent before (a connection runs one at a time) without waiting
   * for it; its failure is kept, not thrown where no one waits.
   */
  private send(sql: string, params?: readonly SqlParam[]): Promise<void> {
    return this.enqueued(() => this.client.query(sql, params ? [...params] : undefined));
  }

  /** Queues `step` on the connection after what was sent before, without waiting; its failure is kept. */
  private enqueued(step: () => Promise<unknown>): Promise<void> {
    this.last = this.last.then(step).then(
      () => undefined,
      (error: Error) => {
        this.failure ??= error;
      },
    );
    return this.last;
  }

  /** A read, once every statement queued before it has run. */
  private async read<T>(sql: string, params: readonly SqlParam[]): Promise<T[]> {
    const turn = this.last;
    let answer!: pg.QueryResult;
    this.last = turn.then(async () => {
      answer = await this.client.query(sql, [...params]);
    });
    await this.last;
    return answer.rows as T[];
  }
}

/** How a bulk-load transaction reaches its connection. */
interface Connection {
  send(sql: string, params: readonly SqlParam[]): Promise<void>;
  copy(table: string, columns: readonly string[], rows: readonly (readonly SqlParam[])[]): Promise<void>;
  read<T>(sql: string, params: readonly SqlParam[]): Promise<T[]>;
}

/** Statements of one bulk-load transaction: writes are sent, not waited for; reads wait. */
class SentStatements implements SqlRunner {
  readonly dialect = 'postgres' as const;

  constructor(private readonly connection: Connection) {}

  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    void this.connection.send(postgresSql(sql), params);
    return 0;
  }

  async runEach(sql: string, rows: readonly (readonly SqlParam[])[]): Promise<number> {
    for (const row of rows) void this.connection.send(postgresSql(sql), row);
    return 0;
  }

  async copyRows(table: string, columns: readonly string[], rows: readonly (readonly SqlParam[])[]): Promise<void> {
    void this.connection.copy(table, columns, rows);
  }

  async all<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return this.connection.read<T>(postgresSql(sql), params);
  }

  async get<T>(sql: string, params: readonly SqlParam[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
}
