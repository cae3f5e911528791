import { ActorView, IncidentView } from '../../domain/incident/incident-view';
import { CompleteLocation } from '../../domain/shared/location';
import { actorKeyOf } from '../../projections/shared/comparable-keys';

/** The calendar day (UTC) of an ISO date-time, as both datasets date events. */
export const dayOf = (time: string): string => new Date(time).toISOString().slice(0, 10);

export const unixSeconds = (time: string): number => Math.floor(Date.parse(time) / 1000);

/** The place as the source names it: a named place, else "80 km E of Tessalit", else the area; null when only the country is known. */
export function placeDescription(location: CompleteLocation): string | null {
  if (location.name) return location.name;
  const relative = location.relativeTo;
  if (relative) {
    const distance = relative.distanceKm !== null ? `${relative.distanceKm} km ` : '';
    const direction = relative.direction !== null ? `${relative.direction} of ` : relative.distanceKm !== null ? 'from ' : 'near ';
    return `${distance}${direction}${relative.place}`;
  }
  return location.area;
}

/**
 * The names given for one side, each once, as the incident's actors name them: "EIGS" named as
 * an attacker is the actor recorded as "État islamique au Grand Sahara" with that alias.
 */
export function actorNames(names: readonly (string | null)[], actors: readonly ActorView[]): string[] {
  const canonical = (name: string): string =>
    actors.find((actor) => [actor.name, ...actor.aliases].some((known) => actorKeyOf(known) === actorKeyOf(name)))?.name ?? name;
  return [...new Set(names.filter((name): name is string => name !== null && name !== '').map(canonical))];
}

/** Several values in one cell, as both datasets list them: "; " between them; null when there are none. */
export const listed = (values: readonly (string | null)[]): string | null => {
  const present = [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
  return present.length > 0 ? present.join('; ') : null;
};

/**
 * The two sides, each a list of names once: ours (the friendly actors, the forces that raided or
 * struck) and theirs (the hostile actors, the attackers and abductors the source names).
 */
export function sidesOf(view: IncidentView): { ours: string[]; theirs: string[] } {
  const named = (side: ActorView['side']) => view.actors.filter((actor) => actor.side === side).map((actor) => actor.name);
  return {
    ours: actorNames([...named('friendly'), ...view.raids.map((r) => r.force), ...view.strikes.map((s) => s.force)], view.actors),
    theirs: actorNames([...named('hostile'), ...view.attacks.map((a) => a.by), ...view.abductions.map((a) => a.by)], view.actors),
  };
}
