import { Estimate, completeEstimate, estimateProblems } from '../../shared/estimate';
import { prefixProblems } from '../../shared/problem';
import { EventTypeEntry, attributionOf, noIncidents, noRules } from '../event-type';

export interface PersonsAbductedData {
  count: Estimate;
  description: string;
  by?: string | null;
}

export const personsAbducted: EventTypeEntry<PersonsAbductedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: (data) => prefixProblems('count', estimateProblems(data.count)),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.abductions.push({ count: completeEstimate(data.count), description: data.description, by: data.by ?? null, ...attributionOf(record) });
  },
};
