import { Problem } from './problem';

export const LOCATION_PRECISIONS = ['point', 'locality', 'area', 'admin1', 'country'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

/** Where something happened; `country` is ISO 3166-1 alpha-2, coordinates are WGS 84. */
export interface Location {
  country: string;
  area?: string | null;
  admin1?: string | null;
  name?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  precision: LocationPrecision;
}

const isSet = (value: number | null | undefined): value is number => value !== null && value !== undefined;

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
  return problems;
}

/** Every field of a location, the unknown ones null, as reads show them. */
export const completeLocation = (location: Location): Location => ({
  country: location.country,
  area: location.area ?? null,
  admin1: location.admin1 ?? null,
  name: location.name ?? null,
  latitude: location.latitude ?? null,
  longitude: location.longitude ?? null,
  precision: location.precision,
});
