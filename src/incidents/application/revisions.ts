import diff from 'microdiff';
import { evolve } from '../../domain/incident/evolve';
import { IncidentState, initialIncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { isPlainObject } from '../../domain/shared/merge-correction';
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

type Plain = Record<string, unknown>;


/** Fields every event changes; listing them in each revision would hide what really changed. */
function comparable(state: IncidentState): Plain {
  if (state.incidentId === null) return {};
  const { version: _version, lastRecordedAt: _last, ...rest } = toIncidentView(state);
  return rest;
}

/** The facts of a list are told apart by the event that states them, not by their place in it. */
function identity(item: unknown, seen: Map<string, number>): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const id = (item.identificationId ?? item.eventId) as string | undefined;
  if (typeof id !== 'string') return undefined;
  const occurrence = seen.get(id) ?? 0;
  seen.set(id, occurrence + 1);
  return `${id}#${occurrence}`;
}

function keyed(list: unknown[]): Map<string, { index: number; item: unknown }> | undefined {
  const seen = new Map<string, number>();
  const entries = list.map((item, index) => [identity(item, seen), { index, item }] as const);
  return entries.every(([id]) => id !== undefined) ? new Map(entries as [string, { index: number; item: unknown }][]) : undefined;
}

const atPath = (prefix: string[], d: ReturnType<typeof diff>[number]): Change => ({
  path: [...prefix, ...d.path].join('.'),
  before: d.type === 'CREATE' ? null : d.oldValue,
  after: d.type === 'REMOVE' ? null : d.value,
});

/**
 * What changed between two incident views. Lists of facts are matched by event id, so
 * retracting the first of two casualties shows that one removed (at its index before) rather
 * than the second one shifted into its place; within a fact, microdiff finds the fields.
 */
function changesBetween(before: Plain, after: Plain, prefix: string[] = []): Change[] {
  const changes: Change[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const is = after[key];
    const path = [...prefix, key];
    const wasKeyed = Array.isArray(was) ? keyed(was) : undefined;
    const isKeyed = Array.isArray(is) ? keyed(is) : undefined;
    if ((wasKeyed || was === undefined) && (isKeyed || is === undefined) && (wasKeyed || isKeyed)) {
      const old = wasKeyed ?? new Map();
      const now = isKeyed ?? new Map();
      for (const [id, { index, item }] of old) if (!now.has(id)) changes.push({ path: [...path, index].join('.'), before: item, after: null });
      for (const [id, { index, item }] of now) {
        const previous = old.get(id);
        if (!previous) changes.push({ path: [...path, index].join('.'), before: null, after: item });
        else changes.push(...diff(previous.item as Plain, item as Plain).map((d) => atPath([...path, String(index)], d)));
      }
    } else if (isPlainObject(was) && isPlainObject(is)) {
      changes.push(...changesBetween(was, is, path));
    } else {
      const side = (value: unknown): Plain => (value === undefined ? {} : { [key]: value });
      changes.push(...diff(side(was), side(is)).map((d) => atPath(prefix, d)));
    }
  }
  return changes;
}

/** Every event of an incident, oldest first, with what it changed in the incident's state. */
export function revisionsOf(stream: readonly StoredEvent[]): Revision[] {
  let state = initialIncidentState();
  return stream.map((event) => {
    const before = comparable(state);
    state = evolve(state, toRecordedIncidentEvent(event));
    return {
      version: event.streamVersion,
      eventId: event.eventId,
      type: event.type,
      recordedAt: event.recordedAt,
      recordedBy: event.recordedBy,
      source: event.source,
      confidence: event.confidence,
      data: event.data,
      // A field that appears as null (an opening's `withdrawn`) changed nothing a reader can see.
      changes: changesBetween(before, comparable(state)).filter((change) => !(change.before === null && change.after === null)),
    };
  });
}
