import { Estimate, completeEstimate, estimateProblems } from '../../shared/estimate';
import { prefixProblems } from '../../shared/problem';
import { EventTypeEntry, attributionOf, noIncidents, noRules } from '../event-type';

export const ACTIVITY_KINDS = ['air-sorties', 'patrol', 'search', 'reconnaissance', 'ied-clearance', 'escort', 'training', 'other'] as const;

/** Activity with no clash: "une cinquantaine de sorties aériennes", patrols, searches. */
export interface ActivityReportedData {
  kind: (typeof ACTIVITY_KINDS)[number];
  force?: string | null;
  count?: Estimate | null;
  description: string;
}

export const activityReported: EventTypeEntry<ActivityReportedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: (data) => (data.count ? prefixProblems('count', estimateProblems(data.count)) : []),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.activities.push({
      kind: data.kind, force: data.force ?? null, count: data.count ? completeEstimate(data.count) : null, description: data.description,
      ...attributionOf(record),
    });
  },
};
