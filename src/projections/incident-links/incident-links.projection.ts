import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { isOpen } from '../shared/incident-state-projection';
import { TemporalTallyProjection } from '../shared/temporal-tally-projection';
import { TemporalRow } from '../shared/temporal-rows';

/**
 * Links recorded on one incident, kept for the other one: a link recorded on B to A shows on A
 * too. Rows have a validity in record time, so A read as of a past moment shows the links
 * B had then.
 */
export function linkRows(state: IncidentState): Map<string, TemporalRow> {
  if (!isOpen(state)) return new Map();
  const view = toIncidentView(state);
  return new Map(
    view.links.map((link) => [
      link.eventId,
      { linked_incident_id: link.incidentId, incident_id: view.incidentId, relation: link.relation, note: link.note, event_id: link.eventId },
    ]),
  );
}

export class IncidentLinksProjection extends TemporalTallyProjection {
  readonly name = 'incident-links';
  readonly version = 1;
  protected readonly table = 'link_rows';
  protected readonly columns = 'linked_incident_id TEXT NOT NULL, incident_id TEXT NOT NULL, relation TEXT NOT NULL, note TEXT, event_id TEXT NOT NULL';
  protected readonly reportedBy = ['IncidentLinked'];

  protected rows(state: IncidentState): Map<string, TemporalRow> {
    return linkRows(state);
  }
}
