import { EventTypeEntry, attributionOf, noIncidents, noInvariants, noRules } from '../event-type';

export const SITE_KINDS = ['weapons-cache', 'logistics-site', 'camp', 'ied-workshop', 'other'] as const;

/** A cache, a camp or a workshop found (what was taken from it is `MaterielSeized`). */
export interface SiteDiscoveredData {
  kind: (typeof SITE_KINDS)[number];
  description: string;
}

export const siteDiscovered: EventTypeEntry<SiteDiscoveredData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: noInvariants,
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.sitesDiscovered.push({ kind: data.kind, description: data.description, ...attributionOf(record) });
  },
};
