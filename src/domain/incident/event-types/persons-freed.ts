import { Estimate, completeEstimate, estimateProblems } from '../../shared/estimate';
import { prefixProblems } from '../../shared/problem';
import { EventTypeEntry, attributionOf, noIncidents, noRules } from '../event-type';

export interface PersonsFreedData {
  count: Estimate;
  description: string;
}

export const personsFreed: EventTypeEntry<PersonsFreedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: (data) => prefixProblems('count', estimateProblems(data.count)),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.personsFreed.push({ count: completeEstimate(data.count), description: data.description, ...attributionOf(record) });
  },
};
