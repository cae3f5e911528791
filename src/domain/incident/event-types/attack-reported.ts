import { EventTypeEntry, atLeastOne, attributionOf, noIncidents, noRules } from '../event-type';

export const ATTACK_TARGETS = ['military', 'civilians', 'infrastructure', 'other'] as const;
export const ATTACK_MEANS = [
  'small-arms', 'ied', 'landmine', 'suicide-attack', 'vehicle-borne-ied', 'mortar', 'rocket', 'grenade', 'arson', 'other',
] as const;

/** An attack the source reports (on a convoy, a village, a camp), by whoever it names. */
export interface AttackReportedData {
  by?: string | null;
  against: (typeof ATTACK_TARGETS)[number];
  means: (typeof ATTACK_MEANS)[number][];
  description: string;
}

export const attackReported: EventTypeEntry<AttackReportedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: (data) => atLeastOne('means', data.means),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.attacks.push({ by: data.by ?? null, against: data.against, means: data.means, description: data.description, ...attributionOf(record) });
  },
};
