import type { Estimate, Location, TimeSpan } from './api-types';

/**
 * A count exactly as reported, never filled in: { low: 2 } is "≥ 2", { low: 8, best: 10, high: 12 }
 * is "10 (8–12)", a count with neither figure "not stated".
 */
export function formatCount({ low, best, high }: Estimate): string {
  const range =
    low !== null && high !== null ? (low === high ? `${low}` : `${low}–${high}`) : low !== null ? `≥ ${low}` : high !== null ? `≤ ${high}` : null;
  if (best === null) return range ?? 'not stated';
  if (range === null || range === `${best}`) return `${best}`;
  return `${best} (${range})`;
}

/** The three figures side by side, "—" where the report gave none. */
export function countParts({ low, best, high }: Estimate): string {
  const part = (value: number | null) => (value === null ? '—' : String(value));
  return `low ${part(low)} · best ${part(best)} · high ${part(high)}`;
}

/** Times in UTC, as the log records them, without the seconds' fraction. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatSpan({ start, end, precision }: TimeSpan): string {
  const short = (iso: string) => formatTime(iso).replace(':00 UTC', '').replace(' UTC', '');
  const when = start === end ? short(start) : `${short(start)} – ${short(end)}`;
  return `${when} UTC (${precision})`;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
export function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function formatPlace(location: Location): string {
  const parts = [location.name, location.area, location.admin1, countryName(location.country)].filter((part): part is string => Boolean(part));
  const relative = location.relativeTo
    ? `${location.relativeTo.distanceKm !== null ? `${location.relativeTo.distanceKm} km ` : ''}${location.relativeTo.direction ?? ''}${location.relativeTo.distanceKm !== null || location.relativeTo.direction ? ' of ' : 'near '}${location.relativeTo.place}, `
    : '';
  return `${relative}${parts.join(', ')}`;
}

/** camelCase field names as words: hostileWeapons → hostile weapons. */
export function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Any JSON value as compact text, for the history's before → after (null as the API gives it: absent or not given). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}
