import { EventIdConflict } from './event-store.errors';
import { EventToAppend, StoredEvent } from './event-store.port';

/** JSON with object keys sorted, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Two events with one id are the same event when they say the same thing in the same stream;
 * who sent it and in which request (recordedBy, correlation) do not make it another fact.
 */
const content = (e: EventToAppend) => canonicalJson([e.type, e.schemaVersion, e.data, e.source, e.confidence]);

export function isSameEvent(stored: StoredEvent, streamId: string, candidate: EventToAppend): boolean {
  return stored.streamId === streamId && content(stored) === content(candidate);
}

/** A batch that names one id twice stores it once if both say the same, and is refused if not. */
export function withoutRepeats(events: readonly EventToAppend[]): EventToAppend[] {
  const seen = new Map<string, EventToAppend>();
  for (const event of events) {
    const earlier = seen.get(event.eventId);
    if (earlier && content(earlier) !== content(event)) throw new EventIdConflict(event.eventId);
    if (!earlier) seen.set(event.eventId, event);
  }
  return [...seen.values()];
}
