import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { allProjections } from '../../all-projections';
import { Projection } from '../projection';
import { FoldedBatch, FoldWorkerAnswer, FoldWorkerInput } from './fold-worker-protocol';

/** The worker's file beside this one: compiled JavaScript, or TypeScript run through SWC (tests, benchmarks). */
function startWorker(input: FoldWorkerInput): Worker {
  const typescript = __filename.endsWith('.ts');
  return new Worker(join(__dirname, `fold.worker.${typescript ? 'ts' : 'js'}`), {
    workerData: input,
    execArgv: typescript ? ['-r', '@swc-node/register'] : [],
  });
}

/**
 * A rebuild's folding thread, seen from the main thread: batches come in log order, the next
 * one folded while the caller writes the one it has (one ahead: memory stays that of two batches).
 */
export class FoldingThread {
  private readonly worker: Worker;
  private waiting: { resolve: (batch: FoldedBatch) => void; reject: (error: Error) => void } | null = null;
  private ahead: Promise<FoldedBatch>;
  private failure: Error | null = null;

  constructor(input: FoldWorkerInput) {
    this.worker = startWorker(input);
    this.worker.on('message', (answer: FoldWorkerAnswer) => {
      const waiting = this.waiting!;
      this.waiting = null;
      if ('error' in answer) waiting.reject(new Error(`rebuild fold worker: ${answer.error}`));
      else waiting.resolve(answer.batch);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`rebuild fold worker stopped (exit code ${code})`)));
    this.ahead = this.ask();
  }

  /** The next batch (`null` at the end of the log), and the one after it asked for at once. */
  async next(): Promise<FoldedBatch> {
    const batch = await this.ahead;
    if (batch !== null) this.ahead = this.ask();
    return batch;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private ask(): Promise<FoldedBatch> {
    const answer = new Promise<FoldedBatch>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting = { resolve, reject };
      this.worker.postMessage('next');
    });
    answer.catch(() => undefined);
    return answer;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(error);
    this.waiting = null;
  }
}

/** Whether a worker can rebuild these projections: the worker knows the catalogue's, as this version defines them. */
export function foldableInThread(projections: readonly Projection[]): boolean {
  const catalogue = allProjections();
  return projections.every((p) => catalogue.some((known) => known.name === p.name && known.version === p.version && known.constructor === p.constructor));
}
