import { Estimate, completeEstimate } from '../../shared/estimate';
import { EventTypeEntry, attributionOf, countIsAnEstimate, noIncidents, noRules } from '../event-type';

export const CASUALTY_SIDES = ['hostile', 'friendly', 'civilian', 'unknown'] as const;
export const CASUALTY_STATUSES = ['killed', 'neutralised', 'wounded', 'captured', 'surrendered', 'missing'] as const;

export interface CasualtiesReportedData {
  side: (typeof CASUALTY_SIDES)[number];
  status: (typeof CASUALTY_STATUSES)[number];
  count: Estimate;
  /** The communiqué's own words ("neutralisés", "plusieurs"), kept beside the figures. */
  wording?: string | null;
}

export const casualtiesReported: EventTypeEntry<CasualtiesReportedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: countIsAnEstimate,
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.casualties.push({
      side: data.side, status: data.status, count: completeEstimate(data.count), wording: data.wording ?? null, ...attributionOf(record),
    });
  },
};
