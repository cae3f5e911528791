import { DEFAULT_CONFIDENCE, Confidence } from '../domain/shared/confidence';
import { INCIDENT_EVENT_CATALOGUE, upcastIncidentEvent } from '../domain/incident/event-catalogue';
import { IncidentEvent, RecordedIncidentEvent } from '../domain/incident/incident-events';
import { EventToAppend, StoredEvent } from '../event-store/event-store.port';

/** The domain's view of a stored incident event (read through the upcasting store: in its current shape). */
export function toRecordedIncidentEvent(stored: StoredEvent): RecordedIncidentEvent {
  return {
    eventId: stored.eventId,
    type: stored.type,
    data: stored.data,
    source: stored.source,
    confidence: (stored.confidence ?? DEFAULT_CONFIDENCE) as Confidence,
    version: stored.streamVersion,
    recordedAt: stored.recordedAt,
    recordedBy: stored.recordedBy,
  } as RecordedIncidentEvent;
}

/** Who asked for a write, and in answer to what: kept on every event the write stores. */
export interface WriteContext {
  recordedBy: string;
  correlationId: string | null;
  causationId: string | null;
}

export function toEventToAppend(event: IncidentEvent, context: WriteContext): EventToAppend {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: INCIDENT_EVENT_CATALOGUE[event.type].schemaVersion,
    data: event.data,
    source: event.source,
    confidence: event.confidence,
    ...context,
  };
}

/** A stored event as every reader sees it: its data in the current shape of its type. */
export function inCurrentShape(stored: StoredEvent): StoredEvent {
  const { schemaVersion, data } = upcastIncidentEvent(stored.type, stored.schemaVersion, stored.data);
  return schemaVersion === stored.schemaVersion ? stored : { ...stored, schemaVersion, data };
}
