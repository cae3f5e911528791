import { IncidentState } from '../../domain/incident/incident-state';
import { ProjectionContext, ProjectionTable } from '../engine/projection';
import { IncidentChange, IncidentStateProjection } from './incident-state-projection';
import { TEMPORAL_COLUMNS, TemporalRow, TemporalRowChanges, memoisedRows } from './temporal-rows';

const ALWAYS_AFFECTING = ['FactCorrected', 'FactRetracted', 'IncidentWithdrawn'];

/**
 * A tally kept as rows with a validity in record time, derived from each incident's state, so it
 * can be summed now or as of any past moment. Subclasses say which rows a state has, which
 * events can change them, and the columns of their one table.
 */
export abstract class TemporalTallyProjection extends IncidentStateProjection<TemporalRowChanges> {
  protected abstract readonly table: string;
  protected abstract readonly columns: string;
  /** The events that can change the rows (corrections, retractions and withdrawals always can). */
  protected abstract readonly reportedBy: readonly string[];
  private readonly rowsOf = memoisedRows((state: IncidentState) => this.rows(state));

  protected abstract rows(state: IncidentState): Map<string, TemporalRow>;

  protected get ownTables(): Record<string, ProjectionTable> {
    return {
      [this.table]: { columns: `${TEMPORAL_COLUMNS}, ${this.columns}, PRIMARY KEY (row_key, valid_from)`, indexes: ['valid_to', 'valid_from_time'] },
    };
  }

  protected override startBatch(): TemporalRowChanges {
    return new TemporalRowChanges();
  }

  protected override onEvent(changes: TemporalRowChanges, { before, after, event }: IncidentChange): void {
    // A withdrawn incident leaves every tally; retracting the withdrawal (a FactRetracted) brings it back.
    const affecting = [...this.reportedBy, ...ALWAYS_AFFECTING];
    if (affecting.includes(event.type)) changes.record(this.rowsOf(before), this.rowsOf(after), event);
  }

  protected async write(context: ProjectionContext, _states: IncidentState[], changes: TemporalRowChanges): Promise<void> {
    await changes.write(context, this.table);
  }
}
