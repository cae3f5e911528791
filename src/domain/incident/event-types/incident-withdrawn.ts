import { EventTypeEntry, noInvariants } from '../event-type';
import { otherIncidentProblems } from './incident-linked';

/**
 * The incident should not have been recorded (a duplicate, a mistake). It keeps its history and
 * stays readable by id, but leaves lists and tallies and takes no further fact but the
 * retraction of this withdrawal.
 */
export interface IncidentWithdrawnData {
  reason: string;
  duplicateOf?: string | null;
}

export const incidentWithdrawn: EventTypeEntry<IncidentWithdrawnData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: noInvariants,
  rules: (data, context) => (data.duplicateOf ? otherIncidentProblems('duplicateOf', data.duplicateOf, context) : []),
  correctable: false,
  referencedIncidents: (data) => (data.duplicateOf ? [data.duplicateOf] : []),
  show: ({ data, record }, view) => {
    view.withdrawn = { reason: data.reason, duplicateOf: data.duplicateOf ?? null, eventId: record.eventId };
  },
};
