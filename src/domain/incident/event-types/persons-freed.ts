import { Estimate, completeEstimate } from '../../shared/estimate';
import { EventTypeEntry, attributionOf, countIsAnEstimate, noIncidents, noRules } from '../event-type';

export interface PersonsFreedData {
  count: Estimate;
  description: string;
}

export const personsFreed: EventTypeEntry<PersonsFreedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: countIsAnEstimate,
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.personsFreed.push({ count: completeEstimate(data.count), description: data.description, ...attributionOf(record) });
  },
};
