import { ActorView, IncidentView } from '../../domain/incident/incident-view';
import { TimePrecision } from '../../domain/shared/time-span';
import { deathReports, fatalitiesOf } from './casualty-figures';
import { countryName, countryNumber } from './countries';
import { ExportedIncident } from './exported-incident';
import { dayOf, listed, placeDescription, sidesOf, unixSeconds } from './shared-fields';

/** The header row API.md gives, in its order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1',
  'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2',
  'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

export type AcledRow = Record<(typeof ACLED_COLUMNS)[number], string | number | null>;

interface Classification {
  eventType: string;
  subEventType: string;
  /** Whether our side acted (a raid, a strike, an arrest) or the other side did (an attack, an abduction). */
  initiator: 'friendly' | 'hostile';
  civilianTargeting: boolean;
}

const REMOTE_EXPLOSIVES = new Set(['ied', 'landmine', 'vehicle-borne-ied']);
const SHELLING = new Set(['mortar', 'rocket']);
const WEAPON_CATEGORIES = new Set(['heavy-weapons', 'light-weapons', 'ammunition', 'explosives', 'ied-components']);

/**
 * ACLED's event and sub-event type from the facts in force, the most violent first (ACLED codes
 * an event by its main action). Null when no fact says what happened (an opening alone).
 */
export function classify(view: IncidentView): Classification | null {
  const ours = (eventType: string, subEventType: string): Classification => ({ eventType, subEventType, initiator: 'friendly', civilianTargeting: false });
  const theirs = (eventType: string, subEventType: string, civilianTargeting = false): Classification =>
    ({ eventType, subEventType, initiator: 'hostile', civilianTargeting });

  const attack = view.attacks[0];
  if (attack) {
    const means = new Set(attack.means);
    const onCivilians = attack.against === 'civilians';
    if (means.has('suicide-attack')) return theirs('Explosions/Remote violence', 'Suicide bomb', onCivilians);
    if ([...means].some((m) => REMOTE_EXPLOSIVES.has(m))) return theirs('Explosions/Remote violence', 'Remote explosive/landmine/IED', onCivilians);
    if ([...means].some((m) => SHELLING.has(m))) return theirs('Explosions/Remote violence', 'Shelling/artillery/missile attack', onCivilians);
    if (means.has('grenade')) return theirs('Explosions/Remote violence', 'Grenade', onCivilians);
    if (onCivilians) return theirs('Violence against civilians', 'Attack', true);
    if (attack.against === 'military') return theirs('Battles', 'Armed clash');
  }
  const strike = view.strikes[0];
  if (strike) {
    const fromTheAir = strike.means.some((m) => m === 'aircraft' || m === 'drone' || m === 'helicopter');
    if (fromTheAir) return ours('Explosions/Remote violence', 'Air/drone strike');
    if (strike.means.some((m) => m === 'artillery' || m === 'missile')) return ours('Explosions/Remote violence', 'Shelling/artillery/missile attack');
  }
  if (view.raids.length > 0 || view.fireExchanges.length > 0) return ours('Battles', 'Armed clash');
  if (view.abductions.length > 0) return theirs('Violence against civilians', 'Abduction/forced disappearance', true);
  if (view.detentions.length > 0) return ours('Strategic developments', 'Arrests');
  const weaponsSeized = [...view.materiel.seized, ...view.materiel.destroyed].some((item) => WEAPON_CATEGORIES.has(item.category));
  const weaponsSite = view.sitesDiscovered.some((site) => site.kind === 'weapons-cache' || site.kind === 'ied-workshop');
  if (weaponsSeized || weaponsSite) return ours('Strategic developments', 'Disrupted weapons use');
  if (view.materiel.seized.length + view.materiel.destroyed.length + view.sitesDiscovered.length + view.activities.length + view.personsFreed.length > 0) {
    return ours('Strategic developments', 'Other');
  }
  return null;
}

/** ACLED's disorder type follows its event type. */
const disorderTypeOf = (eventType: string): string => (eventType === 'Strategic developments' ? 'Strategic developments' : 'Political violence');

/**
 * ACLED's actor types ("inter" codes) for the kinds we record. A state force is 1 in its own
 * country and 8 abroad, and a militia 3 (political) or 4 (identity): the record does not say
 * which, so those are left empty, as are persons and "other".
 */
const INTER_CODES: Partial<Record<ActorView['kind'], number>> = { 'armed-group': 2, civilians: 7 };

/** 1: the day is known; 2: known within a week; 3: only the month (ACLED's time precision codes). */
function timePrecisionCode(precision: TimePrecision, start: string, end: string): number {
  switch (precision) {
    case 'exact': case 'hour': case 'morning': case 'afternoon': case 'evening': case 'night': case 'day':
      return 1;
    case 'week':
      return 2;
    case 'month': case 'year':
      return 3;
    case 'range': {
      const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
      return days <= 1 ? 1 : days <= 7 ? 2 : 3;
    }
  }
}

/** 1: the place itself; 2: near it or within a region smaller than a province; 3: a province or the country only. */
function geoPrecisionCode(location: IncidentView['location']): number {
  switch (location.precision) {
    case 'point': case 'locality':
      return location.relativeTo ? 2 : 1;
    case 'area':
      return 2;
    case 'admin1': case 'country':
      return 3;
  }
}

/** One side's actors as ACLED lists them: the first as the actor, the others as its associates. */
function sideOf(names: readonly string[], actors: readonly ActorView[]): { actor: string | null; associates: string | null; inter: number | null } {
  const first = names[0] ?? null;
  const kind = actors.find((a) => a.name === first)?.kind;
  return { actor: first, associates: listed(names.slice(1)), inter: kind ? INTER_CODES[kind] ?? null : null };
}

type Side = ReturnType<typeof sideOf>;

/** ACLED's two-digit interaction: both sides' codes, lower first (10 for a side alone); null when a code is unknown. */
function interactionCode(one: Side, other: Side): number | null {
  if (one.inter === null) return null;
  if (other.actor === null) return one.inter * 10;
  if (other.inter === null) return null;
  return Math.min(one.inter, other.inter) * 10 + Math.max(one.inter, other.inter);
}

function tagsOf(view: IncidentView): string | null {
  const deaths = deathReports(view.casualties);
  const tags: string[] = [];
  if (deaths.some((report) => report.count.best === null)) tags.push('fatalities_uncertain');
  if (deaths.some((report) => report.status === 'neutralised')) tags.push('neutralised');
  return listed(tags);
}

export function acledRow({ view, sources }: ExportedIncident): AcledRow {
  const kind = classify(view);
  const { ours, theirs } = sidesOf(view);
  const [first, second] = kind?.initiator === 'hostile' ? [theirs, ours] : [ours, theirs];
  const actor1 = sideOf(first, view.actors);
  const actor2 = sideOf(second, view.actors);
  const date = dayOf(view.occurred.start);
  return {
    event_id_cnty: view.incidentId,
    event_date: date,
    year: Number(date.slice(0, 4)),
    time_precision: timePrecisionCode(view.occurred.precision, view.occurred.start, view.occurred.end),
    disorder_type: kind ? disorderTypeOf(kind.eventType) : null,
    event_type: kind?.eventType ?? null,
    sub_event_type: kind?.subEventType ?? null,
    actor1: actor1.actor,
    assoc_actor_1: actor1.associates,
    inter1: actor1.inter,
    actor2: actor2.actor,
    assoc_actor_2: actor2.associates,
    inter2: actor2.inter,
    interaction: interactionCode(actor1, actor2),
    civilian_targeting: kind?.civilianTargeting ? 'Civilian targeting' : null,
    iso: countryNumber(view.location.country),
    region: null,
    country: countryName(view.location.country),
    admin1: view.location.admin1,
    admin2: null,
    admin3: null,
    location: placeDescription(view.location),
    latitude: view.location.latitude,
    longitude: view.location.longitude,
    geo_precision: geoPrecisionCode(view.location),
    source: listed(sources.map((s) => s.publisher)),
    source_scale: null,
    notes: view.title,
    fatalities: fatalitiesOf(view.casualties),
    tags: tagsOf(view),
    timestamp: unixSeconds(view.lastRecordedAt),
  };
}
