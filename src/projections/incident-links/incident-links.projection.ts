import { IncidentLinkedData } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState } from '../../domain/incident/incident-state';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

/**
 * Links recorded on one incident, kept for the other one: a link recorded on B to A shows on A
 * too. Rows have a validity in record time, so A read as of a past moment shows the links
 * B had then. A withdrawn incident keeps its links (it stays readable, and so do they).
 */
export class IncidentLinksProjection extends TemporalTallyProjection {
  readonly name = 'incident-links';
  readonly version = 2;
  protected readonly table = 'link_rows';
  protected readonly columns = 'linked_incident_id TEXT NOT NULL, incident_id TEXT NOT NULL, relation TEXT NOT NULL, note TEXT, event_id TEXT NOT NULL';
  protected override readonly leavesWhenWithdrawn = false;

  override get tables() {
    const tables = super.tables;
    return { link_rows: { ...tables.link_rows, indexes: [...(tables.link_rows.indexes ?? []), 'linked_incident_id'] } };
  }

  protected readonly factTypes = new Set(['IncidentLinked'] as const);

  protected rowsOfFact(state: IncidentState, fact: FactRecord): [string, TemporalRow][] {
    const { incidentId, relation, note } = fact.data as IncidentLinkedData;
    return [[fact.eventId, { linked_incident_id: incidentId, incident_id: state.incidentId, relation, note: note ?? null, event_id: fact.eventId }]];
  }
}
