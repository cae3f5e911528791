import { IncidentState } from '../../domain/incident/incident-state';
import { MaterielItemView, toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { incidentDimensions } from '../shared/incident-dimensions';
import { IncidentChange, IncidentStateProjection, isOpen } from '../shared/incident-state-projection';
import { TEMPORAL_COLUMNS, TemporalRow, TemporalRowChanges, memoisedRows } from '../shared/temporal-rows';

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

/** Only these events can change the rows (an opening corrected moves them to another place or month). */
const AFFECTING: readonly string[] = ['MaterielSeized', 'MaterielDestroyed', 'FactCorrected', 'FactRetracted'];

const rowsOf = memoisedRows(materielRows);

export class MaterielTallyProjection extends IncidentStateProjection<TemporalRowChanges> {
  readonly name = 'materiel-tally';
  readonly version = 1;
  protected readonly ownTables = {
    materiel_rows: {
      columns: `${TEMPORAL_COLUMNS}, incident_id TEXT NOT NULL, country TEXT NOT NULL, action TEXT NOT NULL,
        category TEXT NOT NULL, quantity BIGINT, PRIMARY KEY (row_key, valid_from)`,
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
    await changes.write(context, 'materiel_rows');
  }
}
