import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { relative } from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time is computed from. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

/**
 * Self time per function (samples whose top frame it is, weighted by the time each sample
 * stands for), largest first. Frames of one function at one place are summed whatever their
 * callers. Lines are those of the code V8 ran (TypeScript as transpiled), so close to the source's, not equal.
 */
export function selfTimes(file: string, root = process.cwd()): { totalMs: number; functions: SelfTime[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, SelfTime>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    total += us;
    const frame = frameOf.get(id)!;
    const url = frame.url.replace(/^file:\/\//, '');
    const where = url ? `${url.startsWith('/') ? relative(root, url) : url}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const entry = byFunction.get(key) ?? { name, where, ms: 0, share: 0 };
    entry.ms += us / 1000;
    byFunction.set(key, entry);
  });
  const functions = [...byFunction.values()].sort((a, b) => b.ms - a.ms);
  functions.forEach((f) => (f.share = total > 0 ? f.ms / (total / 1000) : 0));
  return { totalMs: total / 1000, functions };
}

/** The top functions by self time as a markdown table. */
export function selfTimeTable(file: string, top: number): string {
  const { totalMs, functions } = selfTimes(file);
  return [
    `Sampled ${Math.round(totalMs).toLocaleString('en-US')} ms; top ${top} functions by self time:`,
    '',
    '| self ms | share | function | where |',
    '| ---: | ---: | --- | --- |',
    ...functions.slice(0, top).map((f) => `| ${Math.round(f.ms).toLocaleString('en-US')} | ${(f.share * 100).toFixed(1)} % | ${f.name} | ${f.where} |`),
  ].join('\n');
}

/**
 * The CPU profiler of this process (the inspector protocol), started now; `stop` writes the profile
 * to `file` as a V8 `.cpuprofile` (`node --cpu-prof` is refused in NODE_OPTIONS, and profiles the whole process).
 */
export async function startCpuProfile(file: string): Promise<{ stop(): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as Record<string, unknown>))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}
