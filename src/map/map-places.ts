import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../database/sql-runner';
import { IncidentFilters, IncidentReadModel } from '../incidents/application/incident-read-model';
import { MapPlaceDto, MapPlacesResponseDto } from './map-places.response.dto';

/** List rows read per statement: the list's own keyset query, so the map keeps exactly the list's incidents. */
const PAGE_SIZE = 1000;
/** Incidents a place names; the rest are counted (a country may hold thousands). */
export const LISTED_PER_PLACE = 10;

/** What the map needs of a list item (`IncidentListItemDto`). */
interface ListedIncident {
  incidentId: string;
  title: string;
  location: { country: string; latitude: number | null; longitude: number | null };
}

/**
 * Every incident the list's filters keep, grouped by where the map draws it: at its coordinates,
 * or at its country when it has none. Read in one snapshot, so the counts agree with each other
 * while writes go on.
 */
@Injectable()
export class MapPlaces {
  constructor(private readonly incidents: IncidentReadModel, private readonly database: ReadModelDatabase) {}

  async of(filters: Omit<IncidentFilters, 'limit' | 'after'>): Promise<MapPlacesResponseDto> {
    const places = new Map<string, MapPlaceDto>();
    let total = 0;
    const snapshot = await this.database.openSnapshot();
    try {
      let after: IncidentFilters['after'] = null;
      for (;;) {
        const rows = await this.incidents.list({ ...filters, limit: PAGE_SIZE, after }, snapshot.reader);
        for (const row of rows) add(places, row.summary as ListedIncident);
        total += rows.length;
        if (rows.length < PAGE_SIZE) break;
        const last = rows.at(-1)!;
        after = { occurredStart: last.occurredStart, incidentId: last.incidentId };
      }
    } finally {
      await snapshot.close();
    }
    return { total, places: [...places.values()] };
  }
}

function add(places: Map<string, MapPlaceDto>, { incidentId, title, location }: ListedIncident): void {
  const { country, latitude, longitude } = location;
  const exact = latitude !== null && longitude !== null;
  const key = exact ? `at:${latitude},${longitude}` : `country:${country}`;
  let place = places.get(key);
  if (!place) {
    place = { country, latitude: exact ? latitude : null, longitude: exact ? longitude : null, count: 0, incidents: [] };
    places.set(key, place);
  }
  place.count += 1;
  if (place.incidents.length < LISTED_PER_PLACE) place.incidents.push({ incidentId, title });
}
