import { Estimate, completeEstimate, estimateProblems } from '../../shared/estimate';
import { prefixProblems } from '../../shared/problem';
import { EventTypeEntry, attributionOf, noIncidents, noRules } from '../event-type';

/** Arrests: how many, by whom, and to whom they were handed ("la justice malienne"). */
export interface PersonsDetainedData {
  count: Estimate;
  description: string;
  by?: string | null;
  handedTo?: string | null;
}

export const personsDetained: EventTypeEntry<PersonsDetainedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: (data) => prefixProblems('count', estimateProblems(data.count)),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.detentions.push({
      count: completeEstimate(data.count), description: data.description, by: data.by ?? null, handedTo: data.handedTo ?? null,
      ...attributionOf(record),
    });
  },
};
