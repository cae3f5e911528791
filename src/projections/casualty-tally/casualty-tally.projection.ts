import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { incidentDimensions } from '../shared/incident-dimensions';
import { isOpen } from '../shared/incident-state-projection';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

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

export class CasualtyTallyProjection extends TemporalTallyProjection {
  readonly name = 'casualty-tally';
  readonly version = 1;
  protected readonly table = 'casualty_rows';
  protected readonly columns = `incident_id TEXT NOT NULL, country TEXT NOT NULL, area TEXT, month TEXT NOT NULL, side TEXT NOT NULL,
    status TEXT NOT NULL, low BIGINT NOT NULL, best BIGINT NOT NULL, high BIGINT NOT NULL`;
  protected readonly reportedBy = ['CasualtiesReported'];

  protected rows(state: IncidentState): Map<string, TemporalRow> {
    return casualtyRows(state);
  }
}
