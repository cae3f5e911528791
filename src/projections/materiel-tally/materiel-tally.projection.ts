import { MaterielData } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState } from '../../domain/incident/incident-state';
import { INCIDENT_DIMENSION_COLUMNS, incidentDimensions } from '../shared/incident-dimensions';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

const ACTIONS = { MaterielSeized: 'seized', MaterielDestroyed: 'destroyed' } as const;

/**
 * One row per materiel item in force, seized or destroyed, of an incident that is not
 * withdrawn; `quantity` is null when the source gives no number.
 */
export class MaterielTallyProjection extends TemporalTallyProjection {
  readonly name = 'materiel-tally';
  /** 3: rows updated per fact touched. 2: API 1.1 (withdrawals; area, month, operation and occurred columns). */
  readonly version = 3;
  protected readonly table = 'materiel_rows';
  protected readonly columns = `incident_id TEXT NOT NULL, ${INCIDENT_DIMENSION_COLUMNS}, action TEXT NOT NULL, category TEXT NOT NULL, quantity BIGINT`;

  protected readonly factTypes = new Set(Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]);

  protected rowsOfFact(state: IncidentState, fact: FactRecord): [string, TemporalRow][] {
    const dimensions = incidentDimensions(state);
    return (fact.data as MaterielData).items.map((item, index) => [
      `${fact.eventId}/${index}`,
      { incident_id: state.incidentId, ...dimensions, action: ACTIONS[fact.type as keyof typeof ACTIONS], category: item.category, quantity: item.quantity ?? null },
    ]);
  }
}
