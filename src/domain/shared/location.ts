import { Problem, prefixProblems } from './problem';

export const LOCATION_PRECISIONS = ['point', 'locality', 'area', 'admin1', 'country'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

export const COMPASS_DIRECTIONS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassDirection = (typeof COMPASS_DIRECTIONS)[number];

/** "80 km à l'est de Tessalit": a place the source names, and how far and which way from it. */
export interface RelativePlace {
  place: string;
  direction?: CompassDirection | null;
  distanceKm?: number | null;
}

/** Where something happened; `country` is ISO 3166-1 alpha-2, coordinates are WGS 84. */
export interface Location {
  country: string;
  area?: string | null;
  admin1?: string | null;
  name?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  relativeTo?: RelativePlace | null;
  precision: LocationPrecision;
}

export interface CompleteLocation {
  country: string;
  area: string | null;
  admin1: string | null;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
  relativeTo: { place: string; direction: CompassDirection | null; distanceKm: number | null } | null;
  precision: LocationPrecision;
}

const isSet = (value: number | null | undefined): value is number => value !== null && value !== undefined;

function relativePlaceProblems(relative: RelativePlace): Problem[] {
  const distance = relative.distanceKm;
  return isSet(distance) && !(distance > 0) ? [{ path: 'distanceKm', reason: 'must be greater than 0' }] : [];
}

export function locationProblems(location: Location): Problem[] {
  if (typeof location !== 'object' || location === null) return [{ path: '', reason: 'must be an object' }];
  const problems: Problem[] = [];
  if (typeof location.country === 'string' && location.country !== location.country.toUpperCase()) {
    problems.push({ path: 'country', reason: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. ML' });
  }
  const { latitude, longitude } = location;
  if (isSet(latitude) && !(latitude >= -90 && latitude <= 90)) {
    problems.push({ path: 'latitude', reason: 'must be between -90 and 90' });
  }
  if (isSet(longitude) && !(longitude >= -180 && longitude <= 180)) {
    problems.push({ path: 'longitude', reason: 'must be between -180 and 180' });
  }
  if (isSet(latitude) !== isSet(longitude)) {
    problems.push({ path: isSet(latitude) ? 'longitude' : 'latitude', reason: 'must be given with the other coordinate (both or neither)' });
  }
  if (location.relativeTo) problems.push(...prefixProblems('relativeTo', relativePlaceProblems(location.relativeTo)));
  return problems;
}

/**
 * The location as an opening stores it: the v1 fields always (null when unknown), `relativeTo`
 * only when given, so an opening written before 1.1 and the same opening sent again are equal.
 */
export const storedLocation = (location: Location): Location => ({
  country: location.country,
  area: location.area ?? null,
  admin1: location.admin1 ?? null,
  name: location.name ?? null,
  latitude: location.latitude ?? null,
  longitude: location.longitude ?? null,
  ...(location.relativeTo ? { relativeTo: location.relativeTo } : {}),
  precision: location.precision,
});

/** Every field of a location, the unknown ones null, as reads show them. */
export const completeLocation = (location: Location): CompleteLocation => ({
  country: location.country,
  area: location.area ?? null,
  admin1: location.admin1 ?? null,
  name: location.name ?? null,
  latitude: location.latitude ?? null,
  longitude: location.longitude ?? null,
  relativeTo: location.relativeTo
    ? { place: location.relativeTo.place, direction: location.relativeTo.direction ?? null, distanceKm: location.relativeTo.distanceKm ?? null }
    : null,
  precision: location.precision,
});
