/** Parameters bind positionally to `?` placeholders, in both SQLite and PostgreSQL. */
export type SqlParam = string | number | null;

/** The few calls read models make, written once in the SQL both SQLite and PostgreSQL accept. */
export interface SqlRunner {
  /** Which SQL dialect the statements go to (both accept the common SQL read models are written in). */
  readonly dialect: 'sqlite' | 'postgres';
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Runs one statement once for each list of parameters, in order; answers the rows changed.
   * On SQLite, one prepared statement in a loop (there are no round trips to save).
   */
  runEach(sql: string, rows: readonly (readonly SqlParam[])[]): Promise<number>;
  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /**
   * PostgreSQL only: inserts rows whose keys are new with COPY (see `copyRows`), which costs the
   * server far less than an INSERT of as many rows. SQLite has no COPY and no need of one.
   */
  copyRows?(table: string, columns: readonly string[], rows: readonly (readonly SqlParam[])[]): Promise<void>;
}

/** Reads that all see the database at one moment, whatever is written meanwhile; closed when done. */
export interface ReadSnapshot {
  readonly reader: SqlRunner;
  close(): Promise<void>;
}

/** A bulk load under way (`ReadModelDatabase.duringBulkLoad`). */
export interface BulkLoad {
  /**
   * A transaction of the load, writing tables no one reads until the load ends. Where the
   * database allows, its commit need not wait for the disk, and it may settle once its writes
   * are queued: they commit in the order given, by the load's end. So its work must only write.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

/** The database that holds read models and projection checkpoints. */
export abstract class ReadModelDatabase {
  abstract readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of it commits or none of it. */
  abstract transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * A transaction no other process runs at the same time (schema changes at start-up).
   * SQLite's write lock already serialises transactions; a server database takes a lock.
   */
  serialisedTransaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }
  /**
   * Runs a bulk load (a rebuild filling tables no one reads yet) with settings that suit big
   * transactions; what others write meanwhile stays as durable as ever. `work` writes through
   * the load's own transactions; the load has ended, every one of them committed, when the
   * promise settles (or it fails with the first failure). By default ordinary transactions.
   */
  duringBulkLoad<T>(work: (load: BulkLoad) => Promise<T>): Promise<T> {
    return work({ transaction: (write) => this.transaction(write) });
  }
  /** Single statements outside any transaction, for queries. */
  abstract readonly reader: SqlRunner;
  /**
   * A read-only transaction of its own, for reads that span many statements and must agree
   * (an export streamed while writes go on). Writers are not held up while it is open.
   */
  abstract openSnapshot(): Promise<ReadSnapshot>;
  abstract close(): Promise<void>;
}
