import { ReadModelDatabase, SqlParam, SqlRunner } from '../sql-runner';
import { SqliteConnection } from './sqlite-connection';

/** Runs statements directly on the connection; callers hold the connection's lock. */
export class SqliteStatements implements SqlRunner {
  readonly dialect = 'sqlite' as const;
  constructor(private readonly connection: SqliteConnection) {}

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

  constructor(private readonly connection: SqliteConnection) {
    super();
    this.statements = new SqliteStatements(connection);
    this.reader = new LockedStatements(connection, this.statements);
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.connection.exclusive(async () => {
      this.connection.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.statements);
        this.connection.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.connection.db.inTransaction) this.connection.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.connection.exclusive(() => this.connection.close());
  }
}
