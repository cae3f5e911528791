import Database from 'better-sqlite3';
import { BulkLoad, ReadModelDatabase, ReadSnapshot, SqlParam, SqlRunner } from '../sql-runner';
import { SqliteBulkLoadWriter } from './bulk-load-writer';
import { SqliteConnection } from './sqlite-connection';

/**
 * Page cache during a bulk load, in KiB (negative: a size rather than a page count): room for a
 * batch's changed pages (about 3.5 MiB per 1,000 events), and no more: it counts in the peak RSS.
 */
export const BULK_LOAD_CACHE_SIZE = -8 * 1024;
/** WAL pages (4 KiB each) between two checkpoints during a bulk load: 64 MiB, instead of 1,000 pages. */
export const BULK_LOAD_WAL_PAGES = 16_384;

/** Runs statements directly on the connection; callers hold the connection's lock. */
export class SqliteStatements implements SqlRunner {
  readonly dialect = 'sqlite' as const;
  constructor(private readonly connection: Pick<SqliteConnection, 'prepare'>) {}

  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return this.connection.prepare(sql).run(...params).changes;
  }

  async runEach(sql: string, rows: readonly (readonly SqlParam[])[]): Promise<number> {
    if (rows.length === 0) return 0;
    const statement = this.connection.prepare(sql);
    let changes = 0;
    for (const row of rows) changes += statement.run(row as SqlParam[]).changes;
    return changes;
  }

  async all<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return this.connection.prepare(sql).all(...params) as T[];
  }

  async get<T>(sql: string, params: readonly SqlParam[] = []): Promise<T | undefined> {
    return this.connection.prepare(sql).get(...params) as T | undefined;
  }
}

/** Each query takes the connection's lock, so it never reads another unit's uncommitted rows. */
class LockedStatements implements SqlRunner {
  readonly dialect = 'sqlite' as const;
  constructor(private readonly connection: SqliteConnection, private readonly inner: SqlRunner) {}
  run(sql: string, params?: readonly SqlParam[]) {
    return this.connection.exclusive(() => this.inner.run(sql, params));
  }
  runEach(sql: string, rows: readonly (readonly SqlParam[])[]) {
    return this.connection.exclusive(() => this.inner.runEach(sql, rows));
  }
  all<T>(sql: string, params?: readonly SqlParam[]) {
    return this.connection.exclusive(() => this.inner.all<T>(sql, params));
  }
  get<T>(sql: string, params?: readonly SqlParam[]) {
    return this.connection.exclusive(() => this.inner.get<T>(sql, params));
  }
}

export class SqliteReadModelDatabase extends ReadModelDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly statements: SqliteStatements;
  readonly reader: SqlRunner;
  private bulkLoads = 0;
  private settingsBeforeBulkLoad: { cacheSize: unknown; walPages: unknown } | null = null;

  constructor(private readonly connection: SqliteConnection) {
    super();
    this.statements = new SqliteStatements(connection);
    this.reader = new LockedStatements(connection, this.statements);
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.connection.exclusive(() => this.transactionLocked(work));
  }

  /**
   * A bulk load's transaction on this connection (an in-memory database has no other), committed
   * with synchronous=NORMAL for this transaction alone (under the connection's lock, so no other
   * unit's commit shares it): the commit writes the WAL without syncing it. In WAL mode that
   * never leaves the file inconsistent (checkpoints still sync); a power loss may only take the
   * last such commits back — rows of aside tables a rebuild cut short starts over anyway. The
   * next commit at the connection's own setting (an append, the rebuild's swap) syncs the WAL,
   * and so everything written before it. The writer thread commits the same way.
   */
  private unsyncedTransaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.connection.exclusive(async () => {
      const db = this.connection.db;
      db.pragma('synchronous = NORMAL');
      try {
        return await this.transactionLocked(work);
      } finally {
        db.pragma(`synchronous = ${this.connection.synchronous.toUpperCase()}`);
      }
    });
  }

  private async transactionLocked<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    await this.connection.beginImmediate();
    try {
      const result = await work(this.statements);
      this.connection.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.connection.db.inTransaction) this.connection.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Each bulk load of a database file has a writer thread with a connection of its own, which
   * commits the load's transactions while this thread reads and folds the next batches (loads
   * at the same time, several projections rebuilt at once, take turns at SQLite's write lock).
   * The writer has a bigger page cache, 8 MiB (a batch's changed pages stay in memory instead
   * of spilling to the WAL mid-transaction), and fewer, bigger checkpoints (each page copied back
   * to the database once per 64 MiB of WAL rather than at every batch's commit; each checkpoint
   * syncs), run by its commits on its thread. This connection's checkpoints wait as long, so an
   * append during the load does not copy the load's pages back. An in-memory database has no
   * second connection: this one takes the bigger cache and writes the load itself.
   * Durability is unchanged: commits are synced as before (synchronous stays as set), a
   * checkpoint only copies committed pages. Loads may overlap: the first in sets, the last out restores.
   */
  override async duringBulkLoad<T>(work: (load: BulkLoad) => Promise<T>): Promise<T> {
    const db = this.connection.db;
    const inMemory = this.connection.file === ':memory:';
    if (this.bulkLoads++ === 0) {
      this.settingsBeforeBulkLoad = { cacheSize: db.pragma('cache_size', { simple: true }), walPages: db.pragma('wal_autocheckpoint', { simple: true }) };
      db.pragma(`wal_autocheckpoint = ${BULK_LOAD_WAL_PAGES}`);
      if (inMemory) db.pragma(`cache_size = ${BULK_LOAD_CACHE_SIZE}`);
    }
    const writer = inMemory
      ? null
      : new SqliteBulkLoadWriter(this.connection.file, { cacheSize: BULK_LOAD_CACHE_SIZE, walPages: BULK_LOAD_WAL_PAGES, writesWaiting: this.connection.writesWaiting });
    try {
      const result = await work(writer ?? { transaction: (write) => this.unsyncedTransaction(write) });
      // The load has ended once every transaction it gave has committed; the writer's checkpoint goes on, on its thread.
      await writer?.close();
      return result;
    } catch (error) {
      await writer?.close().catch(() => undefined);
      throw error;
    } finally {
      if (--this.bulkLoads === 0 && this.settingsBeforeBulkLoad) await this.restoreAfterBulkLoads(this.settingsBeforeBulkLoad, inMemory);
    }
  }

  private async restoreAfterBulkLoads(settings: { cacheSize: unknown; walPages: unknown }, inMemory: boolean): Promise<void> {
    const db = this.connection.db;
    db.pragma(`cache_size = ${Number(settings.cacheSize)}`);
    db.pragma(`wal_autocheckpoint = ${Number(settings.walPages)}`);
    // The load's last pages are copied back now, not by whichever append commits next (a writer does it as it closes).
    if (inMemory) await this.connection.exclusive(() => db.pragma('wal_checkpoint(PASSIVE)'));
  }

  /**
   * A second, read-only connection to the same file in a transaction: in WAL mode it reads the
   * database as of its first statement while the main connection goes on writing (the WAL keeps
   * the pages it needs until it ends). Its statements need no lock: nothing else uses it.
   */
  async openSnapshot(): Promise<ReadSnapshot> {
    if (this.connection.file === ':memory:') throw new Error('a snapshot needs a database file: an in-memory database has no second connection');
    const db = new Database(this.connection.file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    // The transaction's moment is its first read: taken now, not at the caller's first query.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    const prepared = new Map<string, Database.Statement>();
    const prepare = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql)!;
    return {
      reader: new SqliteStatements({ prepare }),
      async close() {
        db.close();
      },
    };
  }

  async close(): Promise<void> {
    await this.connection.exclusive(() => this.connection.close());
  }
}
