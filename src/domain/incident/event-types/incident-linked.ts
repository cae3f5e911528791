import { Problem } from '../../shared/problem';
import { EventTypeEntry, RuleContext, noInvariants } from '../event-type';

export const LINK_RELATIONS = ['follows', 'related', 'part-of'] as const;

/** This incident follows, is related to, or is part of another one. */
export interface IncidentLinkedData {
  incidentId: string;
  relation: (typeof LINK_RELATIONS)[number];
  note?: string | null;
}

/** An incident named by a link or a duplicate must exist, and be another one. */
export function otherIncidentProblems(path: string, incidentId: string, { state, incidentExists }: RuleContext): Problem[] {
  if (incidentId === state.incidentId) return [{ path, reason: 'names this incident itself' }];
  return incidentExists(incidentId) ? [] : [{ path, reason: `names no incident that exists (${incidentId})` }];
}

export const incidentLinked: EventTypeEntry<IncidentLinkedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: noInvariants,
  rules: (data, context) => otherIncidentProblems('incidentId', data.incidentId, context),
  correctable: true,
  referencedIncidents: (data) => [data.incidentId],
  show: ({ data, record }, view) => {
    view.links.push({ incidentId: data.incidentId, relation: data.relation, note: data.note ?? null, eventId: record.eventId, direction: 'outbound' });
  },
};
