/**
 * The built server (`dist/main.js`) and command line (`dist/cli.js`) as child processes, for
 * tests that kill the process for real (`kill -9`) and start it again on the same store.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './postgres';

const ROOT = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 60_000;

/** Builds dist/ when it is missing or older than a source file (the build script decides). */
export function buildIfStale(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
}

export interface ChildServer {
  baseUrl: string;
  process: ChildProcess;
  /** What the server wrote, for a failure's message. */
  output(): string;
  /** SIGKILL: no shutdown hook, no flush, no goodbye. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, as an orderly stop. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/** Starts `node dist/main.js` with `env` on a free loopback port and waits for GET /health. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output.join('')}`);
    const healthy = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /health within ${START_TIMEOUT_MS} ms:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    process: child,
    output: () => output.join(''),
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** Runs `node dist/cli.js <args>` with `env`; answers its exit code and output. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['dist/cli.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** Every event of the global log, paged through GET /events. */
export async function readWholeLog(baseUrl: string): Promise<{ eventId: string; streamId: string; globalPosition: number }[]> {
  const events: { eventId: string; streamId: string; globalPosition: number }[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(`${baseUrl}/events?after=${after}&limit=1000`);
    if (!response.ok) throw new Error(`GET /events answered ${response.status}`);
    const page = (await response.json()) as { events: { eventId: string; streamId: string; globalPosition: number }[]; lastPosition: number };
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.lastPosition;
  }
}

/** Polls GET /projections until every projection is live with no lag. */
export async function projectionsCaughtUp(baseUrl: string, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/projections`).catch(() => null);
    if (response?.ok) {
      const projections = (await response.json()) as { status: string; lag: number }[];
      if (projections.every((p) => p.status === 'live' && p.lag === 0)) return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
