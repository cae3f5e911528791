import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by thread (and by PostgreSQL backend) while some work runs, read from Linux's /proc:
 * the replay's rate is bounded by the CPU it needs per event across every thread, over the
 * machine's cores, and `process.cpuUsage()` gives only the sum. Node names none of its threads,
 * so they are told apart by when they started: the main thread; the threads that existed before
 * the work (V8's helpers, which run its garbage collection in parallel, and libuv's); those the
 * work started (the SQLite bulk-load writer).
 */
export interface ThreadCpu {
  /** CPU ms of each group of threads during the work. */
  mainMs: number;
  /** Threads started during the work (the bulk-load writer on SQLite). */
  startedMs: number;
  /** Threads that existed before it: V8's helpers (parallel and concurrent garbage collection, compilation) and libuv's. */
  helpersMs: number;
  /** PostgreSQL backends serving the database named, when one was (their processes run on the same cores). */
  postgresMs: number;
}

/** How often the threads are read: those that end during the work (the writer) lose at most this much of their CPU time. */
const SAMPLE_MS = 25;
/** Samples between two searches for new PostgreSQL backends: once a second. */
const BACKEND_SCAN_EVERY = 1000 / SAMPLE_MS;
const TICK_MS = 10; // Linux's USER_HZ is 100 on every platform Node supports.

/** utime + stime of one /proc stat file (a process's or a thread's), in ms; null once it has gone, or where there is no /proc. */
export function cpuOf(statFile: string): number | null {
  try {
    const stat = readFileSync(statFile, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function threads(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const ms = cpuOf(`/proc/self/task/${tid}/stat`);
    if (ms !== null) cpu.set(Number(tid), ms);
  }
  return cpu;
}

/** The processes whose title is a PostgreSQL backend of `database`. */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let title: string;
    try {
      title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    // `postgres: [cluster: ]user database host(port) state`, padded with NULs.
    if (title.startsWith('postgres: ') && title.split(/[\s\0]+/).includes(database)) pids.push(Number(entry));
  }
  return pids;
}

function processes(pids: Iterable<number>): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    const ms = cpuOf(`/proc/${pid}/stat`);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** Runs `work` while reading the threads' CPU time; null on a system without /proc. */
export async function measureThreadCpu<T>(work: () => Promise<T>, postgresDatabase: string | null): Promise<{ result: T; cpu: ThreadCpu | null }> {
  let available = true;
  try {
    readdirSync('/proc/self/task');
  } catch {
    available = false;
  }
  if (!available) return { result: await work(), cpu: null };
  const before = threads();
  const pids = new Set(postgresDatabase ? backendsOf(postgresDatabase) : []);
  const backendsBefore = processes(pids);
  // The last reading of each thread and backend: those that end take their last reading with them.
  const last = new Map(before);
  const lastBackends = new Map(backendsBefore);
  let samples = 0;
  const sample = () => {
    for (const [tid, ms] of threads()) last.set(tid, ms);
    if (!postgresDatabase) return;
    // Listing every process costs more than reading a few (1.5 % of a PostgreSQL replay's main
    // thread when done every 250 ms): new backends are looked for once a second. A backend's CPU
    // counts from its start, so one found late loses nothing; one that ends unseen within a second would.
    if (++samples % BACKEND_SCAN_EVERY === 0) backendsOf(postgresDatabase).forEach((pid) => pids.add(pid));
    for (const [pid, ms] of processes(pids)) lastBackends.set(pid, ms);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  try {
    const result = await work();
    samples = BACKEND_SCAN_EVERY - 1;
    sample();
    const cpu: ThreadCpu = { mainMs: 0, startedMs: 0, helpersMs: 0, postgresMs: 0 };
    for (const [tid, ms] of last) {
      const used = ms - (before.get(tid) ?? 0);
      if (tid === process.pid) cpu.mainMs += used;
      else if (before.has(tid)) cpu.helpersMs += used;
      else cpu.startedMs += used;
    }
    for (const [pid, ms] of lastBackends) cpu.postgresMs += ms - (backendsBefore.get(pid) ?? 0);
    return { result, cpu };
  } finally {
    clearInterval(timer);
  }
}
