import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { cpuOf } from './thread-cpu';

/**
 * Child processes and what must be undone (temporary folders, databases), so that an error, a
 * failed child or Ctrl-C still leaves nothing behind. Children run TypeScript through
 * @swc-node/register and exit on their own when the parent goes (their IPC channel closes).
 */
const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void> | void> = [];

/** Registers a step for the end (or an interruption); calling the answer runs it now instead. */
export function onCleanup(step: () => Promise<void> | void): () => Promise<void> {
  cleanups.push(step);
  return async () => {
    const at = cleanups.indexOf(step);
    if (at < 0) return;
    cleanups.splice(at, 1);
    await step();
  };
}

/** Runs the cleanup steps registered so far, newest first; each runs once. */
export async function cleanUp(): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    try {
      await step();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping, cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

const WORKERS = join(__dirname, '..', 'workers');

function fork(worker: string, input: unknown, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(WORKERS, worker), JSON.stringify(input)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

interface Message {
  result?: unknown;
  ready?: unknown;
}

/** Runs a worker to its end and answers what it sent as its result. */
export function runWorker<T>(worker: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(worker, input);
    let result: { value: T } | null = null;
    child.on('message', (message: Message) => {
      if ('result' in message) result = { value: message.result as T };
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && result) resolve(result.value);
      else reject(new Error(`${worker} ${JSON.stringify(input)} exited with ${signal ?? code}${result ? '' : ' without a result'}`));
    });
  });
}

export interface Server {
  port: number;
  /** The server process's CPU time so far (user and system, every thread), in ms, from /proc; null where there is none. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

/** Starts a server worker and answers once it listens; `stop` asks it to close, then kills it after 15 s. */
export function startServer(worker: string, input: unknown, env: NodeJS.ProcessEnv = {}): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = fork(worker, input, env);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`${worker} exited with ${signal ?? code} before listening`)));
    child.on('message', (message: Message) => {
      if (message.ready === undefined) return;
      resolve({
        port: message.ready as number,
        cpuMs: () => cpuOf(`/proc/${child.pid}/stat`),
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.send('stop');
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

/** In a worker: its input, and the way to answer. Exits when the parent goes. */
export function workerInput<T>(): T {
  process.on('disconnect', () => process.exit(1));
  return JSON.parse(process.argv[2]) as T;
}

export function sendResult(result: unknown): Promise<void> {
  return new Promise((resolve, reject) => process.send!({ result }, (error: Error | null) => (error ? reject(error) : resolve())));
}

/** Runs a worker's main: its result is sent to the parent, an error ends it with exit code 1. */
export function runMain(main: () => Promise<unknown>): void {
  main()
    .then(sendResult)
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

/** Peak resident memory of this process so far, in bytes. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** CPU time (user and system, every thread) this process has used since `since` (a `process.cpuUsage()`), in ms. */
export const cpuMs = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};
