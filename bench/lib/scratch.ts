import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { onCleanup } from './processes';

export type StoreKind = 'sqlite' | 'postgres';

/** Where one scenario's data lives: a new folder (SQLite) or a new database (PostgreSQL). */
export interface Scratch {
  kind: StoreKind;
  /** The folder (SQLite: the app's DATA_DIR) — for PostgreSQL too, for the raw driver's files. */
  dir: string;
  /** PostgreSQL: the new database's URL. */
  url: string | null;
  /** The environment the app reads (loadConfig) for this store. */
  env: Record<string, string>;
  /** Removes the folder and drops the database now (else at cleanup). */
  dispose(): Promise<void>;
}

const serverUrl = () => process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let databases = 0;

/** A new folder, removed at cleanup. */
function scratchDir(label: string): { dir: string; dispose: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), `incident-log-bench-${label}-`));
  return { dir, dispose: onCleanup(() => rmSync(dir, { recursive: true, force: true })) };
}

/** A new database on the server DATABASE_URL (or TEST_DATABASE_URL) names, dropped at cleanup. */
async function scratchDatabase(label: string): Promise<{ url: string; dispose: () => Promise<void> }> {
  const name = `incident_log_bench_${process.pid}_${++databases}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const dispose = onCleanup(async () => {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), dispose };
}

export async function scratch(kind: StoreKind, label: string): Promise<Scratch> {
  const folder = scratchDir(label);
  const dir = folder.dir;
  if (kind === 'sqlite') return { kind, dir, url: null, env: { EVENT_STORE: 'sqlite', DATA_DIR: dir }, dispose: folder.dispose };
  const database = await scratchDatabase(label);
  const dispose = async () => {
    await database.dispose();
    await folder.dispose();
  };
  return { kind, dir, url: database.url, env: { EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: dir }, dispose };
}

/** The PostgreSQL server's version, for the report. */
export async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}
