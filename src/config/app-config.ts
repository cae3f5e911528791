import { resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'postgres' | 'kurrentdb';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: StoreKind;
  databaseUrl: string | null;
  kurrentDbUrl: string | null;
  readModelUrl: string | null;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = (env.EVENT_STORE || 'sqlite') as StoreKind;
  if (!STORE_KINDS.includes(eventStore)) throw new ConfigError(`EVENT_STORE must be one of ${STORE_KINDS.join(', ')}, got "${env.EVENT_STORE}"`);
  const host = env.HOST || '127.0.0.1';
  if (/\s/.test(host)) throw new ConfigError(`HOST must be a host name or address, got "${host}"`);
  const config: AppConfig = {
    port: port(env.PORT),
    host,
    dataDir: resolve(env.DATA_DIR || './data'),
    eventStore,
    databaseUrl: url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    kurrentDbUrl: url('KURRENTDB_URL', env.KURRENTDB_URL, ['kurrentdb:', 'esdb:', 'kdb:', 'esdb+discover:', 'kurrentdb+discover:']),
    readModelUrl: url('READ_MODEL_URL', env.READ_MODEL_URL, ['postgres:', 'postgresql:']),
  };
  if (eventStore === 'postgres' && !config.databaseUrl) throw new ConfigError('DATABASE_URL is required when EVENT_STORE=postgres');
  if (eventStore === 'kurrentdb' && !config.kurrentDbUrl) throw new ConfigError('KURRENTDB_URL is required when EVENT_STORE=kurrentdb');
  return config;
}
