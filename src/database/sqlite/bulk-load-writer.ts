import { Worker } from 'node:worker_threads';
import { BulkLoad, SqlParam, SqlRunner } from '../sql-runner';

/** One statement of a recorded transaction, with the parameters of each of its runs. */
export interface RecordedWrite {
  sql: string;
  rows: (readonly SqlParam[])[];
}

/**
 * Collects a bulk load's writes instead of running them, so another thread can commit them.
 * A bulk load only writes (projections apply events with `run` and `runEach` and read nothing
 * back), so a read here is a mistake, said at once.
 */
export class RecordedStatements implements SqlRunner {
  readonly dialect = 'sqlite' as const;
  readonly writes: RecordedWrite[] = [];

  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    this.writes.push({ sql, rows: [params] });
    return 0;
  }

  async runEach(sql: string, rows: readonly (readonly SqlParam[])[]): Promise<number> {
    if (rows.length > 0) this.writes.push({ sql, rows: [...rows] });
    return 0;
  }

  all<T>(): Promise<T[]> {
    return Promise.reject(new Error('a bulk load only writes: its transactions cannot read'));
  }

  get<T>(): Promise<T | undefined> {
    return Promise.reject(new Error('a bulk load only writes: its transactions cannot read'));
  }
}

export interface BulkLoadSettings {
  /** SQLite's cache_size for the writer's connection (negative: KiB). */
  cacheSize: number;
  /** WAL pages between two checkpoints the writer's commits run. */
  walPages: number;
  /** The main connection's count of writes waiting for the write lock (`SqliteConnection.writesWaiting`). */
  writesWaiting: Int32Array;
}

/**
 * The writer's thread: its own connection to the file, committing each recorded transaction in
 * the order received with synchronous=NORMAL (rows of aside tables; the swap's commit, on the main
 * connection, syncs the WAL and so everything before it). Plain JavaScript, so the same code runs
 * from dist/, under ts-node-like loaders and under jest; the driver's path comes from the caller.
 */
const WRITER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = ' + Number(workerData.cacheSize));
db.pragma('wal_autocheckpoint = ' + Number(workerData.walPages));
const statements = new Map();
const prepared = (sql) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};
// Writes of the main connection waiting for the write lock go first (their wait blocks no thread):
// before each transaction the writer waits until none is waiting, for 50 ms at most, so that a
// stream of appends cannot stall the load.
const writesWaiting = workerData.writesWaiting;
const YIELD_MS = 50;
const letWaitingWritesGo = () => {
  const until = Date.now() + YIELD_MS;
  for (let waiting = Atomics.load(writesWaiting, 0); waiting > 0 && Date.now() < until; waiting = Atomics.load(writesWaiting, 0)) {
    Atomics.wait(writesWaiting, 0, waiting, until - Date.now());
  }
};
const commit = db.transaction((writes) => {
  for (const { sql, rows } of writes) {
    const statement = prepared(sql);
    for (const row of rows) statement.run(row);
  }
});
parentPort.on('message', (message) => {
  if (message.close) {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } finally { db.close(); parentPort.close(); }
    return;
  }
  try {
    letWaitingWritesGo();
    commit.immediate(message.writes);
    parentPort.postMessage({ id: message.id });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message || error) });
  }
});
`;

/** Transactions handed to the writer and not yet committed, at most: enough to keep it busy, few enough to bound memory. */
const MAX_QUEUED = 2;

/**
 * Commits a bulk load's transactions on a thread of its own, while the main thread reads, folds
 * and prepares the next batches: a rebuild uses both cores instead of one. Transactions commit
 * one after the other, in the order given. SQLite lets one connection write at a time, so the
 * main connection's own writes (appends during a rebuild) wait for the transaction in progress,
 * as they would for another process.
 */
export class SqliteBulkLoadWriter implements BulkLoad {
  private readonly worker: Worker;
  /** Each queued transaction's id, and how to wake the caller waiting for room in the queue. */
  private readonly queued = new Set<number>();
  private readonly waitingForRoom: (() => void)[] = [];
  private nextId = 0;
  /** The first failure: later transactions are refused with it, and `close` throws it. */
  private failure: Error | null = null;
  private drained: (() => void) | null = null;

  constructor(file: string, settings: BulkLoadSettings) {
    this.worker = new Worker(WRITER_THREAD, { eval: true, execArgv: [], workerData: { file, driver: require.resolve('better-sqlite3'), ...settings } });
    this.worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      if (error !== undefined) this.fail(new Error(error));
      this.settled(id);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => {
      this.fail(new Error('the bulk load writer stopped'));
      for (const id of [...this.queued]) this.settled(id);
    });
  }

  /**
   * Records what `work` writes and hands it over as one transaction, after those given before;
   * resolves once there is room in the queue, not once committed (`close` waits for that).
   * Rejects if an earlier one failed.
   */
  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const recorded = new RecordedStatements();
    const result = await work(recorded);
    await this.enqueue(recorded.writes);
    return result;
  }

  private async enqueue(writes: RecordedWrite[]): Promise<void> {
    while (this.queued.size >= MAX_QUEUED && !this.failure) await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    this.queued.add(id);
    this.worker.postMessage({ id, writes });
  }

  /**
   * Waits for every transaction given to commit, and throws the first failure if one failed.
   * Then the writer copies the WAL's pages back into the database (a passive checkpoint, on its
   * own thread, so no append pays for it) and closes; the process need not wait for that: an
   * interrupted checkpoint leaves the WAL as it was.
   */
  async close(): Promise<void> {
    if (this.queued.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.worker.postMessage({ close: true });
    this.worker.unref();
    if (this.failure) throw this.failure;
  }

  private fail(error: Error): void {
    this.failure ??= error;
  }

  private settled(id: number): void {
    this.queued.delete(id);
    this.waitingForRoom.splice(0).forEach((wake) => wake());
    if (this.queued.size === 0) this.drained?.();
  }
}
