import { FactRecord, IncidentState, isInForce } from '../../domain/incident/incident-state';
import { IncidentChange } from '../engine/incident-fold';
import { ProjectionContext, ProjectionTable } from '../engine/projection';
import { IncidentProjection, factsOnSide, isOpen } from './incident-projection';
import { TEMPORAL_COLUMNS, TemporalRow, TemporalRowChanges } from './temporal-rows';

/**
 * Rows kept with a validity in record time, one or more per fact in force, so they can be
 * summed now or as of any past moment. An event closes and opens only the rows of the facts it
 * touched (all of the incident's when it changed the opening or withdrew the incident).
 * Subclasses say which rows a fact has and the columns of their one table.
 */
export abstract class TemporalTallyProjection extends IncidentProjection<TemporalRowChanges> {
  protected abstract readonly table: string;
  protected abstract readonly columns: string;
  /** The types of the facts that have rows: an event that touches none of them (nor the whole incident) changes no row. */
  protected abstract readonly factTypes: ReadonlySet<FactRecord['type']>;

  /** The rows of one fact in force of one of `factTypes`, keyed; the incident is open and not withdrawn. */
  protected abstract rowsOfFact(state: IncidentState, fact: FactRecord): [string, TemporalRow][];

  /** Withdrawn incidents leave every tally: withdrawing closes their rows, retracting the withdrawal opens them again. */
  protected readonly leavesWhenWithdrawn: boolean = true;

  get tables(): Record<string, ProjectionTable> {
    return {
      [this.table]: { columns: `${TEMPORAL_COLUMNS}, ${this.columns}, PRIMARY KEY (row_key, valid_from)`, indexes: ['valid_to', 'valid_from_time'] },
    };
  }

  protected startBatch(): TemporalRowChanges {
    return new TemporalRowChanges();
  }

  protected onChange(changes: TemporalRowChanges, change: IncidentChange): void {
    if (!change.effect.wholeIncident && !change.touched.some(({ before, after }) => this.hasRows(before ?? after))) return;
    changes.record(this.rows(change.before, factsOnSide(change, 'before')), this.rows(change.after, factsOnSide(change, 'after')), change.event);
  }

  protected async write(context: ProjectionContext, changes: TemporalRowChanges): Promise<void> {
    await changes.write(context, this.table);
  }

  private rows(state: IncidentState, facts: FactRecord[]): Map<string, TemporalRow> {
    const rows = new Map<string, TemporalRow>();
    if (!isOpen(state) || (this.leavesWhenWithdrawn && state.withdrawnBy !== null)) return rows;
    for (const fact of facts) {
      if (!isInForce(fact) || !this.hasRows(fact)) continue;
      for (const [key, row] of this.rowsOfFact(state, fact)) rows.set(key, row);
    }
    return rows;
  }

  private hasRows(fact: FactRecord | undefined): boolean {
    return fact !== undefined && this.factTypes.has(fact.type);
  }
}
