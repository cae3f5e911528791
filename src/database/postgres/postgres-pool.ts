import pg from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Counts, sums and positions come back as JS numbers rather than strings. Set per pool, not on
 * the global `pg.types`, so other users of `pg` in the process keep their own parsing.
 */
const numbersAsNumbers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export type PostgresErrorListener = (error: Error) => void;

const warnOnStderr: PostgresErrorListener = (error) => console.warn(`PostgreSQL connection error: ${error.message}`);

/**
 * A pool whose broken connections are reported, never fatal: without a listener, an idle
 * connection the server drops (restart, idle timeout, pg_terminate_backend) emits an `error`
 * event that would crash the process. Broken connections are discarded and replaced on demand.
 */
export function createPostgresPool(
  config: string | pg.PoolConfig,
  onError: PostgresErrorListener = warnOnStderr,
): pg.Pool {
  const pool = new pg.Pool({ ...(typeof config === 'string' ? { connectionString: config } : config), types: numbersAsNumbers });
  pool.on('error', (error) => onError(error));
  // A connection that breaks while checked out emits `error` too, with no pool listener attached
  // then; the caller hears of it anyway, from the query that fails.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** True when the error is PostgreSQL's unique_violation on the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): error is pg.DatabaseError {
  return (
    error instanceof pg.DatabaseError && error.code === '23505' && (constraint === undefined || error.constraint === constraint)
  );
}

/**
 * Runs `work` in one transaction on one pooled connection: committed if it returns, rolled back
 * if it throws. A connection that cannot even roll back is not given back to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
