import { EventTypeEntry, attributionOf, noIncidents, noInvariants, noRules } from '../event-type';

export const ACTOR_KINDS = ['state-force', 'armed-group', 'militia', 'civilians', 'person', 'other'] as const;
export const ACTOR_SIDES = ['friendly', 'hostile', 'neutral', 'unknown'] as const;

export interface ActorInvolvedData {
  name: string;
  kind: (typeof ACTOR_KINDS)[number];
  side: (typeof ACTOR_SIDES)[number];
  /** The group it belongs to. */
  parent?: string | null;
  founded?: number | null;
  notes?: string | null;
  /** Other names the source uses ("EIGS", "État islamique au Grand Sahara"). */
  aliases?: string[] | null;
}

export const actorInvolved: EventTypeEntry<ActorInvolvedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: noInvariants,
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.actors.push({
      name: data.name, kind: data.kind, side: data.side, parent: data.parent ?? null, founded: data.founded ?? null,
      notes: data.notes ?? null, aliases: data.aliases ?? [], ...attributionOf(record),
    });
  },
};
