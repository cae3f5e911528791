import { EventTypeEntry, atLeastOne, attributionOf, noIncidents, noRules } from '../event-type';

export const RAID_MODES = ['heliborne', 'ground', 'airborne', 'naval', 'other'] as const;
export type RaidMode = (typeof RAID_MODES)[number];

/** v2: a raid may be several things at once (motorised and heliborne), so `modes` replaced `mode`. */
export interface RaidConductedData {
  force: string;
  modes: RaidMode[];
  support: string[];
  target: string;
}

/** v1 stored `mode`, one value; it reads as `modes: [mode]`. Requests may still send `mode`. */
export const raidModeToModes = <T extends Record<string, unknown>>(data: T): T => {
  if (!('mode' in data)) return data;
  const { mode, ...rest } = data;
  // A null `mode` says nothing, like any optional field sent as null.
  return (mode === null || mode === undefined ? rest : { ...rest, modes: [mode] }) as unknown as T;
};

export const raidConducted: EventTypeEntry<RaidConductedData> = {
  schemaVersion: 2,
  upcasters: [raidModeToModes],
  invariants: (data) => atLeastOne('modes', data.modes),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.raids.push({ force: data.force, modes: data.modes, support: data.support, target: data.target, ...attributionOf(record) });
  },
};
