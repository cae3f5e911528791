import { IncidentState } from '../../domain/incident/incident-state';
import { MaterielItemView, toIncidentView } from '../../domain/incident/incident-view';
import { incidentDimensions } from '../shared/incident-dimensions';
import { isOpen } from '../shared/incident-state-projection';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

/** One row per materiel item in force, seized or destroyed. */
export function materielRows(state: IncidentState): Map<string, TemporalRow> {
  if (!isOpen(state)) return new Map();
  const view = toIncidentView(state);
  const { country } = incidentDimensions(view);
  const itemsSeen = new Map<string, number>();
  const rows = (action: 'seized' | 'destroyed', items: MaterielItemView[]) =>
    items.map((item): [string, TemporalRow] => {
      const index = itemsSeen.get(item.eventId) ?? 0;
      itemsSeen.set(item.eventId, index + 1);
      return [
        `${item.eventId}/${index}`,
        { incident_id: view.incidentId, country, action, category: item.category, quantity: item.quantity ?? null },
      ];
    });
  return new Map([...rows('seized', view.materiel.seized), ...rows('destroyed', view.materiel.destroyed)]);
}

export class MaterielTallyProjection extends TemporalTallyProjection {
  readonly name = 'materiel-tally';
  readonly version = 1;
  protected readonly table = 'materiel_rows';
  protected readonly columns = 'incident_id TEXT NOT NULL, country TEXT NOT NULL, action TEXT NOT NULL, category TEXT NOT NULL, quantity BIGINT';
  protected readonly reportedBy = ['MaterielSeized', 'MaterielDestroyed'];

  protected rows(state: IncidentState): Map<string, TemporalRow> {
    return materielRows(state);
  }
}
