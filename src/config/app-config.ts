import { accessSync, constants, mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { LevelWithSilent } from 'pino';
import { SQLITE_SYNCHRONOUS_SETTINGS, SqliteSynchronous } from '../database/sqlite/sqlite-connection';

export type StoreKind = 'sqlite' | 'postgres' | 'kurrentdb';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: StoreKind;
  databaseUrl: string | null;
  kurrentDbUrl: string | null;
  readModelUrl: string | null;
  logLevel: LevelWithSilent;
  /** Requests a minute per caller (RATE_LIMIT_PER_MINUTE); null when not set (see http/rate-limit.ts). */
  rateLimitPerMinute: number | null;
  /** Origins browsers may call the API from (CORS_ORIGINS); empty: CORS is off. */
  corsOrigins: string[];
  /** SQLite's `synchronous` setting (README "Durability"). */
  sqliteSynchronous: SqliteSynchronous;
}

/** A bad setting stops the start, with a message naming the variable. */
export class ConfigError extends Error {}

const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres', 'kurrentdb'];

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 65535) throw new ConfigError(`PORT must be a TCP port (1-65535), got "${value}"`);
  return parsed;
}

function url(name: string, value: string | undefined, protocols: string[]): string | null {
  if (value === undefined || value === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(`${name} must be a ${protocols.join(' or ')} URL, got "${parsed.protocol}"`);
  return value;
}

function rateLimit(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 1_000_000_000) throw new ConfigError(`RATE_LIMIT_PER_MINUTE must be a whole number of requests (1-1000000000), got "${value}"`);
  return parsed;
}

/** `https://a.example,http://localhost:8080`: each an origin (scheme, host, port), no path. */
function corsOrigins(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS must be a comma-separated list of origins such as https://example.org, got "${origin}"`);
    }
    return origin;
  });
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function hostOf(value: string | undefined): string {
  const host = value || '127.0.0.1';
  const numeric = /^[\d.]+$/.test(host);
  if (isIP(host) || (!numeric && HOST_NAME.test(host))) return host;
  throw new ConfigError(`HOST must be an IP address or a host name, got "${host}"`);
}

/** The embedded store's folder must exist (it is made if need be) and be writable. */
function dataDirOf(value: string | undefined, store: StoreKind): string {
  const folder = resolve(value || './data');
  if (store === 'postgres') return folder;
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new ConfigError(`DATA_DIR must be a folder this process can write, got "${folder}" (${(error as Error).message})`);
  }
  return folder;
}

const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(value: string | undefined): LevelWithSilent {
  if (value === undefined || value === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return value as LevelWithSilent;
}

function sqliteSynchronousOf(value: string | undefined): SqliteSynchronous {
  if (value === undefined || value === '') return 'full';
  const setting = value.toLowerCase() as SqliteSynchronous;
  if (!SQLITE_SYNCHRONOUS_SETTINGS.includes(setting)) throw new ConfigError(`SQLITE_SYNCHRONOUS must be one of ${SQLITE_SYNCHRONOUS_SETTINGS.join(', ')}, got "${value}"`);
  return setting;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = (env.EVENT_STORE || 'sqlite') as StoreKind;
  if (!STORE_KINDS.includes(eventStore)) throw new ConfigError(`EVENT_STORE must be one of ${STORE_KINDS.join(', ')}, got "${env.EVENT_STORE}"`);
  const host = hostOf(env.HOST);
  const config: AppConfig = {
    port: port(env.PORT),
    host,
    dataDir: dataDirOf(env.DATA_DIR, eventStore),
    eventStore,
    databaseUrl: url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    kurrentDbUrl: url('KURRENTDB_URL', env.KURRENTDB_URL, ['kurrentdb:', 'esdb:', 'kdb:', 'esdb+discover:', 'kurrentdb+discover:']),
    readModelUrl: url('READ_MODEL_URL', env.READ_MODEL_URL, ['postgres:', 'postgresql:']),
    logLevel: logLevel(env.LOG_LEVEL),
    rateLimitPerMinute: rateLimit(env.RATE_LIMIT_PER_MINUTE),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    sqliteSynchronous: sqliteSynchronousOf(env.SQLITE_SYNCHRONOUS),
  };
  if (eventStore === 'postgres' && !config.databaseUrl) throw new ConfigError('DATABASE_URL is required when EVENT_STORE=postgres');
  if (eventStore === 'kurrentdb' && !config.kurrentDbUrl) throw new ConfigError('KURRENTDB_URL is required when EVENT_STORE=kurrentdb');
  return config;
}
