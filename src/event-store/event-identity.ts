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
export function isSameEvent(stored: StoredEvent, streamId: string, candidate: EventToAppend): boolean {
  const content = (e: EventToAppend) => canonicalJson([e.type, e.schemaVersion, e.data, e.source, e.confidence]);
  return stored.streamId === streamId && content(stored) === content(candidate);
}
