import { evolve } from './evolve';
import { RecordedIncidentEvent } from './incident-events';
import { IncidentState, initialIncidentState } from './incident-state';

export const fold = (events: readonly RecordedIncidentEvent[], from: IncidentState = initialIncidentState()): IncidentState =>
  events.reduce(evolve, from);
