import { CompleteLocation } from '../../domain/shared/location';
import { TimeSpan } from '../../domain/shared/time-span';
import { bestDeathsOn, deathReports, totalsOf } from './casualty-figures';
import { countryName } from './countries';
import { ExportedIncident } from './exported-incident';
import { dayOf, listed, placeDescription, sidesOf } from './shared-fields';

/** The columns API.md gives, in its order. */
export const UCDP_COLUMNS = [
  'id', 'date_start', 'date_end', 'date_prec', 'where_prec', 'where_description', 'adm_1', 'latitude', 'longitude', 'country', 'side_a',
  'side_b', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'low', 'best', 'high', 'source_article', 'source_headline',
  'source_date', 'event_clarity',
] as const;

export type UcdpRow = Record<(typeof UCDP_COLUMNS)[number], string | number | null>;

const DAY_MS = 86_400_000;

/** UCDP GED's date precision: 1 the day, 2 within 2–6 days, 3 the week, 4 within a month, 5 longer. */
function datePrecisionCode({ precision, start, end }: TimeSpan): number {
  switch (precision) {
    case 'exact': case 'hour': case 'morning': case 'afternoon': case 'evening': case 'night': case 'day':
      return 1;
    case 'week':
      return 3;
    case 'month':
      return 4;
    case 'year':
      return 5;
    case 'range': {
      const days = (Date.parse(end) - Date.parse(start)) / DAY_MS;
      return days <= 1 ? 1 : days < 7 ? 2 : days <= 7 ? 3 : days <= 31 ? 4 : 5;
    }
  }
}

/**
 * UCDP GED's place precision: 1 the place itself, 2 within 25 km of a known place, 3 a
 * district (here: farther from a named place), 4 a province or a region, 6 the country only.
 * 5 (a road or river between places) and 7 (international waters or air space) have no
 * counterpart in our locations.
 */
function wherePrecisionCode(location: CompleteLocation): number {
  switch (location.precision) {
    case 'point': case 'locality': {
      const relative = location.relativeTo;
      if (!relative) return 1;
      return relative.distanceKm !== null && relative.distanceKm <= 25 ? 2 : 3;
    }
    case 'area': case 'admin1':
      return 4;
    case 'country':
      return 6;
  }
}

/** 1: the incident itself is described (dated to a day or better); 2: known only as part of a longer period. */
const eventClarityCode = (occurred: TimeSpan): number => (datePrecisionCode(occurred) === 1 ? 1 : 2);

export function ucdpRow({ view, sources }: ExportedIncident): UcdpRow {
  const deaths = totalsOf(deathReports(view.casualties));
  const { ours, theirs } = sidesOf(view);
  return {
    id: view.incidentId,
    date_start: dayOf(view.occurred.start),
    date_end: dayOf(view.occurred.end),
    date_prec: datePrecisionCode(view.occurred),
    where_prec: wherePrecisionCode(view.location),
    where_description: placeDescription(view.location),
    adm_1: view.location.admin1,
    latitude: view.location.latitude,
    longitude: view.location.longitude,
    country: countryName(view.location.country),
    side_a: listed(ours),
    side_b: listed(theirs),
    deaths_a: bestDeathsOn(view.casualties, ['friendly']),
    deaths_b: bestDeathsOn(view.casualties, ['hostile']),
    deaths_civilians: bestDeathsOn(view.casualties, ['civilian']),
    deaths_unknown: bestDeathsOn(view.casualties, ['unknown']),
    low: deaths.low,
    best: deaths.best,
    high: deaths.high,
    source_article: listed(sources.map((s) => (s.url ? `${s.publisher}, ${s.url}` : s.publisher))),
    source_headline: listed(sources.map((s) => s.title)),
    source_date: listed(sources.map((s) => (s.publishedAt ? dayOf(s.publishedAt) : null))),
    event_clarity: eventClarityCode(view.occurred),
  };
}
