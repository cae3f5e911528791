import { IncidentState } from '../../domain/incident/incident-state';
import { MaterielItemView, isWithdrawn, toIncidentView } from '../../domain/incident/incident-view';
import { INCIDENT_DIMENSION_COLUMNS, incidentDimensions } from '../shared/incident-dimensions';
import { isOpen } from '../shared/incident-state-projection';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

/**
 * One row per materiel item in force, seized or destroyed, of an incident that is not
 * withdrawn; `quantity` is null when the source gives no number.
 */
export function materielRows(state: IncidentState): Map<string, TemporalRow> {
  if (!isOpen(state)) return new Map();
  const view = toIncidentView(state);
  if (isWithdrawn(view)) return new Map();
  const dimensions = incidentDimensions(view);
  const itemsSeen = new Map<string, number>();
  const rows = (action: 'seized' | 'destroyed', items: MaterielItemView[]) =>
    items.map((item): [string, TemporalRow] => {
      const index = itemsSeen.get(item.eventId) ?? 0;
      itemsSeen.set(item.eventId, index + 1);
      return [
        `${item.eventId}/${index}`,
        { incident_id: view.incidentId, ...dimensions, action, category: item.category, quantity: item.quantity ?? null },
      ];
    });
  return new Map([...rows('seized', view.materiel.seized), ...rows('destroyed', view.materiel.destroyed)]);
}

export class MaterielTallyProjection extends TemporalTallyProjection {
  readonly name = 'materiel-tally';
  /** 2: API 1.1 (withdrawn incidents leave; area, month, operation and occurred columns). */
  readonly version = 2;
  protected readonly table = 'materiel_rows';
  protected readonly columns = `incident_id TEXT NOT NULL, ${INCIDENT_DIMENSION_COLUMNS}, action TEXT NOT NULL, category TEXT NOT NULL, quantity BIGINT`;
  protected readonly reportedBy = ['MaterielSeized', 'MaterielDestroyed'];

  protected rows(state: IncidentState): Map<string, TemporalRow> {
    return materielRows(state);
  }
}
