import { SqlRunner } from '../../database/sql-runner';
import { StoredEvent } from '../../event-store/event-store.port';
import { IncidentChange } from './incident-fold';

/** A table a projection owns: its columns and the indexes its queries need. */
export interface ProjectionTable {
  /** Column definitions, with a PRIMARY KEY: rows are unique, which `verify`'s comparison relies on. */
  columns: string;
  indexes?: string[];
}

/** What a projection's code sees while it applies events: a transaction and its own tables. */
export interface ProjectionContext {
  sql: SqlRunner;
  /** The physical name of one of the projection's tables, in the generation being written. */
  table(name: string): string;
}

/**
 * A read model derived from the global log. It must depend only on the events it is given
 * (never the clock, never another projection, never the rows it wrote before), so a rebuild from
 * position 0 ends in the same rows as the live one. And a row may depend only on the events of
 * its own stream: a rebuild applies the log stream after stream (see `aside-build`), the live
 * catch-up in global order, and both must end in the same rows.
 */
export interface Projection {
  readonly name: string;
  /** Bump it when the tables or the way events are applied change: the projection is rebuilt. */
  readonly version: number;
  readonly handles: readonly string[];
  readonly tables: Readonly<Record<string, ProjectionTable>>;
  /**
   * Applies a batch of events, all of a type it handles: in global order live, stream after
   * stream in a rebuild (each stream's events in order either way). `changes` holds each
   * incident event's change (the state before and after, what it touched), folded once for
   * every projection.
   */
  apply(context: ProjectionContext, events: readonly StoredEvent[], changes: ReadonlyMap<string, IncidentChange>): Promise<void>;
}
