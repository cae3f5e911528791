import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { incidentDimensions } from '../shared/incident-dimensions';
import { IncidentChange, IncidentStateProjection, isOpen } from '../shared/incident-state-projection';
import { TEMPORAL_COLUMNS, TemporalRow, TemporalRowChanges, memoisedRows } from '../shared/temporal-rows';

/** One row per casualty report in force; a missing bound counts as the best figure. */
export function casualtyRows(state: IncidentState): Map<string, TemporalRow> {
  if (!isOpen(state)) return new Map();
  const view = toIncidentView(state);
  const dimensions = incidentDimensions(view);
  return new Map(
    view.casualties.map((c) => [
      c.eventId,
      {
        incident_id: view.incidentId, ...dimensions, side: c.side, status: c.status,
        low: c.count.low ?? c.count.best, best: c.count.best, high: c.count.high ?? c.count.best,
      },
    ]),
  );
}

/** Only these events can change the rows (an opening corrected moves them to another place or month). */
const AFFECTING: readonly string[] = ['CasualtiesReported', 'FactCorrected', 'FactRetracted'];

const rowsOf = memoisedRows(casualtyRows);

export class CasualtyTallyProjection extends IncidentStateProjection<TemporalRowChanges> {
  readonly name = 'casualty-tally';
  readonly version = 1;
  protected readonly ownTables = {
    casualty_rows: {
      columns: `${TEMPORAL_COLUMNS}, incident_id TEXT NOT NULL, country TEXT NOT NULL, area TEXT, month TEXT NOT NULL,
        side TEXT NOT NULL, status TEXT NOT NULL, low BIGINT NOT NULL, best BIGINT NOT NULL, high BIGINT NOT NULL,
        PRIMARY KEY (row_key, valid_from)`,
      indexes: ['valid_to', 'valid_from_time'],
    },
  };

  protected override startBatch(): TemporalRowChanges {
    return new TemporalRowChanges();
  }

  protected override onEvent(changes: TemporalRowChanges, { before, after, event }: IncidentChange): void {
    if (AFFECTING.includes(event.type)) changes.record(rowsOf(before), rowsOf(after), event);
  }

  protected async write(context: ProjectionContext, _states: IncidentState[], changes: TemporalRowChanges): Promise<void> {
    await changes.write(context, 'casualty_rows');
  }
}
