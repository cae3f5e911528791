import { randomUUID } from 'node:crypto';
import { ReadModelDatabase } from '../database/sql-runner';

/** The first answer to a request, as it is given again to a repeat. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who holds a key while its request runs: the token makes sure only that request completes or releases it. */
export interface Claim {
  caller: string;
  key: string;
  token: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'other-request' }
  | { kind: 'in-progress' };

/** Keys are kept this long after their request (the contract says at least 24 hours). */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A claim this old belongs to a process that stopped mid-request: another may take it over. */
export const ABANDONED_CLAIM_MS = 5 * 60 * 1000;

const TABLE = 'idempotency_keys';

interface Row {
  fingerprint: string;
  token: string;
  claimed_at: number | string;
  expires_at: number | string;
  status: number | null;
  headers: string | null;
  body: string | null;
}

/**
 * Idempotency keys, kept in the read-model database (the store's own database on SQLite and
 * PostgreSQL), so they survive a restart and every instance on one PostgreSQL sees the same.
 * A key is claimed by one atomic insert: of two requests with one key, one inserts, the other finds the row.
 */
export class IdempotencyStore {
  constructor(private readonly db: ReadModelDatabase) {}

  async ensureSchema(): Promise<void> {
    await this.db.serialisedTransaction(async (sql) => {
      // Times are milliseconds since the epoch (BIGINT: PostgreSQL's INTEGER stops in 2038).
      await sql.run(`CREATE TABLE IF NOT EXISTS ${TABLE} (
        caller TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        token TEXT NOT NULL,
        claimed_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        status INTEGER,
        headers TEXT,
        body TEXT,
        PRIMARY KEY (caller, idempotency_key)
      )`);
      await sql.run(`CREATE INDEX IF NOT EXISTS ${TABLE}_expiry ON ${TABLE} (expires_at)`);
    });
  }

  async claim(caller: string, key: string, fingerprint: string, now: number): Promise<ClaimOutcome> {
    const token = randomUUID();
    const inserted = await this.db.reader.run(
      `INSERT INTO ${TABLE} (caller, idempotency_key, fingerprint, token, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (caller, idempotency_key) DO NOTHING`,
      [caller, key, fingerprint, token, now, now + KEY_LIFETIME_MS],
    );
    if (inserted === 1) return { kind: 'claimed', claim: { caller, key, token } };
    const row = await this.db.reader.get<Row>(
      `SELECT fingerprint, token, claimed_at, expires_at, status, headers, body FROM ${TABLE} WHERE caller = ? AND idempotency_key = ?`,
      [caller, key],
    );
    // Released or purged between the insert and the read: the request that held it is over.
    if (!row) return this.claim(caller, key, fingerprint, now);
    const expired = Number(row.expires_at) <= now;
    const abandoned = row.status === null && Number(row.claimed_at) <= now - ABANDONED_CLAIM_MS;
    if (expired || abandoned) return this.takeOver(caller, key, fingerprint, row.token, now);
    if (row.fingerprint !== fingerprint) return { kind: 'other-request' };
    if (row.status === null) return { kind: 'in-progress' };
    return { kind: 'replay', answer: { status: row.status, headers: JSON.parse(row.headers ?? '{}'), body: row.body ?? '' } };
  }

  /** Records the answer to a claimed request; it is given again to every repeat until the key expires. */
  async complete(claim: Claim, answer: StoredAnswer, now: number): Promise<void> {
    await this.db.reader.run(
      `UPDATE ${TABLE} SET status = ?, headers = ?, body = ?, expires_at = ? WHERE caller = ? AND idempotency_key = ? AND token = ?`,
      [answer.status, JSON.stringify(answer.headers), answer.body, now + KEY_LIFETIME_MS, claim.caller, claim.key, claim.token],
    );
  }

  /** Forgets a claim whose request failed on the server's side, so that a retry runs it again. */
  async release(claim: Claim): Promise<void> {
    await this.db.reader.run(`DELETE FROM ${TABLE} WHERE caller = ? AND idempotency_key = ? AND token = ?`, [claim.caller, claim.key, claim.token]);
  }

  /** Deletes expired keys; answers how many. */
  purgeExpired(now: number): Promise<number> {
    return this.db.reader.run(`DELETE FROM ${TABLE} WHERE expires_at <= ?`, [now]);
  }

  /** Replaces a stale row only if no other request replaced it first (the token is the row's version). */
  private async takeOver(caller: string, key: string, fingerprint: string, staleToken: string, now: number): Promise<ClaimOutcome> {
    const token = randomUUID();
    const taken = await this.db.reader.run(
      `UPDATE ${TABLE} SET fingerprint = ?, token = ?, claimed_at = ?, expires_at = ?, status = NULL, headers = NULL, body = NULL
       WHERE caller = ? AND idempotency_key = ? AND token = ?`,
      [fingerprint, token, now, now + KEY_LIFETIME_MS, caller, key, staleToken],
    );
    return taken === 1 ? { kind: 'claimed', claim: { caller, key, token } } : { kind: 'in-progress' };
  }
}
