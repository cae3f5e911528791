import { Location, locationProblems } from '../../shared/location';
import { prefixProblems } from '../../shared/problem';
import { TimeSpan, timeSpanProblems } from '../../shared/time-span';
import { EventTypeEntry, noIncidents, noRules } from '../event-type';

export interface IncidentOpenedData {
  incidentId: string;
  title: string;
  occurred: TimeSpan;
  location: Location;
  operation?: string | null;
}

export const incidentOpened: EventTypeEntry<IncidentOpenedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: (data) => [
    ...prefixProblems('occurred', timeSpanProblems(data.occurred)),
    ...prefixProblems('location', locationProblems(data.location)),
  ],
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data }, view) => {
    view.opening = data;
  },
};
