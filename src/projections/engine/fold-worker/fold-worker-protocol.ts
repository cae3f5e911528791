import { RecordedStatement } from './recorded-statements';

/** What a fold worker is started with: the log to read and the aside tables to fill. */
export interface FoldWorkerInput {
  sqliteFile: string;
  projections: { name: string; generation: number }[];
  batchSize: number;
  /** How many facts the worker's fold keeps in memory (as the in-process rebuild's fold). */
  foldFacts: number;
}

/** The writes of one batch of the log, for every projection, and the position it ends at; `null` once the log is read to its end. */
export type FoldedBatch = { lastPosition: number; statements: RecordedStatement[] } | null;

/** The main thread asks for the next batch; the worker answers with it (or an error). */
export type FoldWorkerAnswer = { batch: FoldedBatch } | { error: string };
