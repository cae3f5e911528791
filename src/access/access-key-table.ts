import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../database/sql-runner';
import { Role } from './caller';

/** A key as the server checks it: never shown, since it holds the digest. */
export interface StoredKey {
  id: string;
  name: string;
  role: Role;
  digest: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A key as `keys list` shows it. */
export interface ListedKey {
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Names stay unique after a revocation: an event's `recordedBy` must always name one key. */
export class KeyNameTaken extends Error {
  constructor(name: string) {
    super(`a key named "${name}" exists already (names are never reused, even after a revocation): choose another name`);
  }
}

export type Revocation = 'revoked' | 'already revoked' | 'unknown';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS access_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  digest TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
)`;

/** SQLite's and PostgreSQL's codes for a broken UNIQUE constraint. */
const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
};

interface KeyRow {
  id: string;
  name: string;
  role: Role;
  digest: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * The keys, in the database that holds the read models: the SQLite file, the PostgreSQL database,
 * or KurrentDB mode's read-model database. Only digests are stored.
 */
@Injectable()
export class AccessKeyTable {
  constructor(private readonly db: ReadModelDatabase) {}

  /** Idempotent; several instances may start at once. */
  async createIfMissing(): Promise<void> {
    await this.db.serialisedTransaction((sql) => sql.run(CREATE_TABLE));
  }

  async insert(key: { id: string; name: string; role: Role; digest: string }, createdAt: string): Promise<void> {
    try {
      await this.db.transaction((sql) =>
        sql.run('INSERT INTO access_keys (id, name, role, digest, created_at) VALUES (?, ?, ?, ?, ?)', [key.id, key.name, key.role, key.digest, createdAt]),
      );
    } catch (error) {
      throw isUniqueViolation(error) ? new KeyNameTaken(key.name) : error;
    }
  }

  async revoke(name: string, revokedAt: string): Promise<Revocation> {
    return this.db.transaction(async (sql) => {
      const row = await sql.get<{ revoked_at: string | null }>('SELECT revoked_at FROM access_keys WHERE name = ?', [name]);
      if (!row) return 'unknown';
      if (row.revoked_at !== null) return 'already revoked';
      await sql.run('UPDATE access_keys SET revoked_at = ? WHERE name = ?', [revokedAt, name]);
      return 'revoked';
    });
  }

  async list(): Promise<ListedKey[]> {
    const rows = await this.db.reader.all<KeyRow>('SELECT name, role, created_at, last_used_at, revoked_at FROM access_keys ORDER BY created_at, name');
    return rows.map((row) => ({ name: row.name, role: row.role, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at }));
  }

  async all(): Promise<StoredKey[]> {
    const rows = await this.db.reader.all<KeyRow>('SELECT id, name, role, digest, last_used_at, revoked_at FROM access_keys');
    return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, digest: row.digest, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at }));
  }

  async markUsed(id: string, usedAt: string): Promise<void> {
    await this.db.transaction((sql) => sql.run('UPDATE access_keys SET last_used_at = ? WHERE id = ?', [usedAt, id]));
  }
}
