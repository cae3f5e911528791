import Database from 'better-sqlite3';
import { Mutex } from 'async-mutex';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * When a commit reaches the disk, in WAL mode: `full` syncs the WAL at every commit, so an
 * acknowledged write survives a power loss; `normal` syncs only at checkpoints, so a power loss
 * may take the last commits back (a process crash loses nothing either way: the WAL is written
 * before the commit returns).
 */
export type SqliteSynchronous = 'full' | 'normal';

export const SQLITE_SYNCHRONOUS_SETTINGS: readonly SqliteSynchronous[] = ['full', 'normal'];

/**
 * The one long-lived connection to the embedded database file. better-sqlite3 is synchronous,
 * but read-model transactions span awaits; every use goes through `exclusive` so no two
 * units of work ever share a transaction on this connection.
 */
export class SqliteConnection {
  readonly db: Database.Database;
  private readonly mutex = new Mutex();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly file: string, readonly synchronous: SqliteSynchronous = 'full') {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
    // Another process (the CLI) may hold the write lock for a moment.
    this.db.pragma('busy_timeout = 5000');
  }

  exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    return this.mutex.runExclusive(work);
  }

  /** Statements are prepared once per SQL text and reused. */
  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
