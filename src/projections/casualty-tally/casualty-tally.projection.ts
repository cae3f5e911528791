import { IncidentState } from '../../domain/incident/incident-state';
import { isWithdrawn, toIncidentView } from '../../domain/incident/incident-view';
import { tallyFigures } from '../../domain/shared/estimate';
import { INCIDENT_DIMENSION_COLUMNS, incidentDimensions } from '../shared/incident-dimensions';
import { isOpen } from '../shared/incident-state-projection';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

/**
 * One row per casualty report in force of an incident that is not withdrawn, with what it adds
 * to a tally (API.md, "Counts"): `low` is never null (`low ?? best ?? 0`), `best` is null when the
 * source gave none, `high` is null when the report is unbounded (neither high nor best given).
 * Withdrawing an incident closes its rows; retracting the withdrawal opens them again.
 */
export function casualtyRows(state: IncidentState): Map<string, TemporalRow> {
  if (!isOpen(state)) return new Map();
  const view = toIncidentView(state);
  if (isWithdrawn(view)) return new Map();
  const dimensions = incidentDimensions(view);
  return new Map(
    view.casualties.map((c) => [
      c.eventId,
      { incident_id: view.incidentId, ...dimensions, side: c.side, status: c.status, ...tallyFigures(c.count) },
    ]),
  );
}

export class CasualtyTallyProjection extends TemporalTallyProjection {
  readonly name = 'casualty-tally';
  /** 2: API 1.1 (vague counts: best and high may be null; withdrawn incidents leave; operation and occurred columns). */
  readonly version = 2;
  protected readonly table = 'casualty_rows';
  protected readonly columns = `incident_id TEXT NOT NULL, ${INCIDENT_DIMENSION_COLUMNS}, side TEXT NOT NULL, status TEXT NOT NULL,
    low BIGINT NOT NULL, best BIGINT, high BIGINT`;
  protected readonly reportedBy = ['CasualtiesReported'];

  protected rows(state: IncidentState): Map<string, TemporalRow> {
    return casualtyRows(state);
  }
}
