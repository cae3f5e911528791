import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** How often the command's peak RSS is read: the kernel keeps the high-water mark, so only the last reading before it ends may miss some. */
const SAMPLE_MS = 20;

/** Builds dist/ if a source is newer than it (`scripts/build.mjs --if-stale`): the command measured is the one users run. */
export function buildIfStale(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`scripts/build.mjs --if-stale exited with ${build.status}`);
}

/** The process's resident high-water mark (VmHWM), in bytes; null once it has gone. */
function peakRssOf(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs `npm run cli -- <args>` as `npm run cli` does (`node dist/cli.js`, no TypeScript loader) in
 * the store's environment; answers how long it took, its peak RSS (from /proc, read while it
 * runs: Linux only) and what it printed. Fails with its output if it fails.
 */
export function runBuiltCli(args: readonly string[], env: Record<string, string>): Promise<{ ms: number; peakRss: number; output: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let peakRss = 0;
    const timer = setInterval(() => (peakRss = Math.max(peakRss, peakRssOf(child.pid!) ?? 0)), SAMPLE_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve({ ms, peakRss, output });
      else reject(new Error(`npm run cli -- ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}
