import { Estimate, completeEstimate } from '../../shared/estimate';
import { EventTypeEntry, attributionOf, countIsAnEstimate, noIncidents, noRules } from '../event-type';

export interface PersonsAbductedData {
  count: Estimate;
  description: string;
  by?: string | null;
}

export const personsAbducted: EventTypeEntry<PersonsAbductedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: countIsAnEstimate,
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.abductions.push({ count: completeEstimate(data.count), description: data.description, by: data.by ?? null, ...attributionOf(record) });
  },
};
