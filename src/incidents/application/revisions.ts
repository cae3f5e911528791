import diff from 'microdiff';
import { evolve } from '../../domain/incident/evolve';
import { IncidentState, initialIncidentState } from '../../domain/incident/incident-state';
import { IncidentView, toIncidentView } from '../../domain/incident/incident-view';
import { StoredEvent } from '../../event-store/event-store.port';
import { toRecordedIncidentEvent } from '../../log/incident-log-events';

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

export interface Revision {
  version: number;
  eventId: string;
  type: string;
  recordedAt: string;
  recordedBy: string;
  source: unknown;
  confidence: string | null;
  data: unknown;
  changes: Change[];
}

/** Fields every event changes; listing them in each revision would hide what really changed. */
type Comparable = Omit<IncidentView, 'version' | 'lastRecordedAt'>;

const comparable = (state: IncidentState): Comparable | Record<string, never> => {
  if (state.incidentId === null) return {};
  const { version: _version, lastRecordedAt: _last, ...rest } = toIncidentView(state);
  return rest;
};

/** Every event of an incident, oldest first, with what it changed in the incident's state. */
export function revisionsOf(stream: readonly StoredEvent[]): Revision[] {
  let state = initialIncidentState();
  return stream.map((event) => {
    const before = comparable(state);
    state = evolve(state, toRecordedIncidentEvent(event));
    const changes = diff(before, comparable(state)).map((d) => ({
      path: d.path.join('.'),
      before: d.type === 'CREATE' ? null : d.oldValue,
      after: d.type === 'REMOVE' ? null : d.value,
    }));
    return {
      version: event.streamVersion,
      eventId: event.eventId,
      type: event.type,
      recordedAt: event.recordedAt,
      recordedBy: event.recordedBy,
      source: event.source,
      confidence: event.confidence,
      data: event.data,
      changes,
    };
  });
}
