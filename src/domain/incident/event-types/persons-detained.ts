import { Estimate, completeEstimate } from '../../shared/estimate';
import { EventTypeEntry, attributionOf, countIsAnEstimate, noIncidents, noRules } from '../event-type';

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
  invariants: countIsAnEstimate,
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
