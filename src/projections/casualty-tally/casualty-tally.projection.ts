import { CasualtiesReportedData } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState } from '../../domain/incident/incident-state';
import { tallyFigures } from '../../domain/shared/estimate';
import { INCIDENT_DIMENSION_COLUMNS, incidentDimensions } from '../shared/incident-dimensions';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

/**
 * One row per casualty report in force of an incident that is not withdrawn, with what it adds
 * to a tally (API.md, "Counts"): `low` is never null (`low ?? best ?? 0`), `best` is null when the
 * source gave none, `high` is null when the report is unbounded (neither high nor best given).
 */
export class CasualtyTallyProjection extends TemporalTallyProjection {
  readonly name = 'casualty-tally';
  /** 3: rows updated per fact touched. 2: API 1.1 (vague counts, withdrawals, operation and occurred columns). */
  readonly version = 3;
  protected readonly table = 'casualty_rows';
  protected readonly columns = `incident_id TEXT NOT NULL, ${INCIDENT_DIMENSION_COLUMNS}, side TEXT NOT NULL, status TEXT NOT NULL,
    low BIGINT NOT NULL, best BIGINT, high BIGINT`;

  protected readonly factTypes = new Set(['CasualtiesReported'] as const);

  protected rowsOfFact(state: IncidentState, fact: FactRecord): [string, TemporalRow][] {
    const { side, status, count } = fact.data as CasualtiesReportedData;
    return [[fact.eventId, { incident_id: state.incidentId, ...incidentDimensions(state), side, status, ...tallyFigures(count) }]];
  }
}
