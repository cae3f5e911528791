export interface RebuildProgress {
  checkpoint: number;
  headPosition: number;
  percent: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

interface Running {
  startedAt: number;
  head: number;
  checkpoint: number;
}

/** Progress of the rebuilds under way in this process, for `GET /projections` and the CLI. */
export class RebuildTracker {
  private readonly running = new Map<string, Running>();

  begin(name: string, head: number): void {
    this.running.set(name, { startedAt: Date.now(), head, checkpoint: 0 });
  }

  advance(name: string, checkpoint: number): void {
    const run = this.running.get(name);
    if (run) this.running.set(name, { ...run, checkpoint, head: Math.max(run.head, checkpoint) });
  }

  finish(name: string): void {
    this.running.delete(name);
  }

  progress(name: string): RebuildProgress | undefined {
    const run = this.running.get(name);
    if (!run) return undefined;
    const seconds = Math.max((Date.now() - run.startedAt) / 1000, 1e-3);
    const eventsPerSecond = Math.round(run.checkpoint / seconds);
    return {
      checkpoint: run.checkpoint,
      headPosition: run.head,
      percent: run.head === 0 ? 100 : Math.min(100, Math.round((run.checkpoint / run.head) * 1000) / 10),
      eventsPerSecond,
      etaSeconds: eventsPerSecond > 0 ? Math.round((run.head - run.checkpoint) / eventsPerSecond) : null,
    };
  }
}
