import { EventTypeEntry, attributionOf, noIncidents, noInvariants, noRules } from '../event-type';

/** Who fired first and whether there were warning shots are often not stated: null then. */
export interface FireExchangedData {
  initiatedBy?: string | null;
  warningShots?: boolean | null;
  hostileWeapons: string[];
  outcome: string;
}

export const fireExchanged: EventTypeEntry<FireExchangedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: noInvariants,
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.fireExchanges.push({
      initiatedBy: data.initiatedBy ?? null, warningShots: data.warningShots ?? null, hostileWeapons: data.hostileWeapons,
      outcome: data.outcome, ...attributionOf(record),
    });
  },
};
