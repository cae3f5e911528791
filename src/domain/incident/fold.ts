import { evolveInPlace } from './evolve';
import { RecordedIncidentEvent } from './incident-events';
import { IncidentState, initialIncidentState } from './incident-state';

/** The state after the events; `from` is left as it was (its history is copied once, not once per event). */
export function fold(events: readonly RecordedIncidentEvent[], from: IncidentState = initialIncidentState()): IncidentState {
  if (events.length === 0) return from;
  const state: IncidentState = { ...from, facts: [...from.facts] };
  for (const event of events) evolveInPlace(state, event);
  return state;
}
