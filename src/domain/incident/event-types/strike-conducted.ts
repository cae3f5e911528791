import { EventTypeEntry, atLeastOne, attributionOf, noIncidents, noRules } from '../event-type';

export const STRIKE_MEANS = ['aircraft', 'drone', 'helicopter', 'artillery', 'missile', 'other'] as const;
export type StrikeMeans = (typeof STRIKE_MEANS)[number];

/** v2: `means` is a list (an aircraft and a drone may strike together). */
export interface StrikeConductedData {
  force: string;
  means: StrikeMeans[];
  platforms: string[];
  target: string;
}

/** v1 stored one `means`; it reads as `[means]`. Requests may still send a single string. */
export const strikeMeansToList = <T extends Record<string, unknown>>(data: T): T =>
  typeof data.means === 'string' ? { ...data, means: [data.means] } : data;

export const strikeConducted: EventTypeEntry<StrikeConductedData> = {
  schemaVersion: 2,
  upcasters: [strikeMeansToList],
  invariants: (data) => atLeastOne('means', data.means),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.strikes.push({ force: data.force, means: data.means, platforms: data.platforms, target: data.target, ...attributionOf(record) });
  },
};
