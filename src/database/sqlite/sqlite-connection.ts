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

/** How long a write waits for another connection (the CLI, a rebuild's writer thread) to let go of the write lock. */
const BUSY_TIMEOUT_MS = 5_000;
/** The longest pause between two tries for the write lock: a rebuild's writer holds it for 10–25 ms at a time. */
const MAX_LOCK_PAUSE_MS = 4;

/**
 * The one long-lived connection to the embedded database file. better-sqlite3 is synchronous,
 * but read-model transactions span awaits; every use goes through `exclusive` so no two
 * units of work ever share a transaction on this connection.
 */
export class SqliteConnection {
  readonly db: Database.Database;
  private readonly mutex = new Mutex();
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * How many writes of this connection are waiting for SQLite's write lock, shared with the
   * writer threads of bulk loads on the same file: those let such a write go first.
   */
  readonly writesWaiting = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

  constructor(readonly file: string, readonly synchronous: SqliteSynchronous = 'full') {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
    // Another process (the CLI) may hold the write lock for a moment.
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }

  /**
   * Begins a write transaction (BEGIN IMMEDIATE), waiting for the write lock without blocking the
   * event loop: SQLite's own wait sleeps on the calling thread, and this thread serves every
   * request (during a rebuild, whose writer thread holds the lock most of the time, appends
   * stalled the server for up to 130 ms). It tries without SQLite's wait, then again after short
   * timer pauses, up to the busy timeout. Callers hold `exclusive`.
   */
  async beginImmediate(): Promise<void> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    Atomics.add(this.writesWaiting, 0, 1);
    try {
      for (let pause = 1; ; pause = Math.min(2 * pause, MAX_LOCK_PAUSE_MS)) {
        const busy = this.tryBeginImmediate();
        if (!busy) return;
        if (Date.now() >= deadline) throw busy;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    } finally {
      Atomics.sub(this.writesWaiting, 0, 1);
      Atomics.notify(this.writesWaiting, 0);
    }
  }

  /** BEGIN IMMEDIATE without SQLite's wait: null once begun, or the busy error. */
  private tryBeginImmediate(): Error | null {
    this.prepare('PRAGMA busy_timeout = 0').run();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      return null;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return error as Error;
      throw error;
    } finally {
      this.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`).run();
    }
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
