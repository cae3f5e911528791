import L from 'leaflet';
import type { IncidentListItem } from '../api-types';
import { loadAtlas } from '../atlas';
import { h } from '../dom';
import { countryName } from '../format';
import { incidentHref } from '../routes';

/** Incidents that fall on one spot: those with the same coordinates, or placed at the same country's centre. */
interface Place {
  latLng: [number, number];
  byCountry: boolean;
  country: string;
  incidents: IncidentListItem[];
}

function placeIncidents(items: IncidentListItem[], centreOf: (country: string) => [number, number] | null) {
  const places = new Map<string, Place>();
  const unplaced: IncidentListItem[] = [];
  for (const item of items) {
    const { latitude, longitude, country } = item.location;
    const exact = latitude !== null && longitude !== null;
    const latLng = exact ? ([latitude, longitude] as [number, number]) : centreOf(country);
    if (!latLng) {
      unplaced.push(item);
      continue;
    }
    const key = `${exact ? 'at' : 'country'}:${latLng.join(',')}`;
    const place = places.get(key) ?? { latLng, byCountry: !exact, country, incidents: [] };
    place.incidents.push(item);
    places.set(key, place);
  }
  return { places: [...places.values()], unplaced };
}

function describe(place: Place): string {
  const where = place.byCountry ? `placed at the centre of ${countryName(place.country)} (no coordinates)` : 'at its coordinates';
  if (place.incidents.length === 1) return `${place.incidents[0].title}, ${where}`;
  return `${place.incidents.length} incidents ${place.byCountry ? where.replace('its', 'their') : 'at the same coordinates'}`;
}

function popup(place: Place): HTMLElement {
  return h(
    'div',
    { class: 'map-popup' },
    h('p', {}, describe(place)),
    h('ul', {}, ...place.incidents.map((incident) => h('li', {}, h('a', { href: incidentHref(incident.incidentId) }, incident.title)))),
  );
}

/**
 * A map of the incidents listed, drawn on country outlines bundled with the page (no tile server:
 * it works offline). Markers are Leaflet markers, so they take keyboard focus and open on Enter.
 */
let shown: L.Map | null = null;

export async function renderIncidentMap(container: HTMLElement, notes: HTMLElement, items: IncidentListItem[]): Promise<void> {
  const atlas = await loadAtlas();
  // Leaflet listens on the window: the previous list's map is taken down, not just detached.
  shown?.remove();
  const map = L.map(container, { attributionControl: true, zoomSnap: 0.5, worldCopyJump: true, minZoom: 1, maxZoom: 9 });
  map.attributionControl.setPrefix(false).addAttribution('Outlines: Natural Earth (world-atlas)');
  L.geoJSON(atlas.outlines, { interactive: false, style: { color: '#6b6b6b', weight: 0.8, fillColor: '#f3efe4', fillOpacity: 1 } }).addTo(map);

  const { places, unplaced } = placeIncidents(items, (country) => atlas.centreOf(country));
  for (const place of places) {
    const count = place.incidents.length;
    const icon = L.divIcon({
      className: `incident-marker ${place.byCountry ? 'incident-marker--country' : 'incident-marker--exact'}`,
      html: h('span', {}, count > 1 ? String(count) : ''),
      iconSize: count > 1 ? [26, 26] : [18, 18],
    });
    const label = describe(place);
    L.marker(place.latLng, { icon, title: label, alt: label, keyboard: true, riseOnHover: true }).bindPopup(popup(place)).addTo(map);
  }
  if (places.length > 0) map.fitBounds(L.latLngBounds(places.map((place) => place.latLng)).pad(0.6), { maxZoom: 5 });
  else map.setView([17, 0], 3);

  notes.replaceChildren(
    h(
      'ul',
      { class: 'legend' },
      h('li', {}, h('span', { class: 'legend-swatch incident-marker--exact', 'aria-hidden': 'true' }), 'at the coordinates the incident gives'),
      h('li', {}, h('span', { class: 'legend-swatch incident-marker--country', 'aria-hidden': 'true' }), "placed at its country's centre: no coordinates given"),
    ),
    unplaced.length > 0
      ? h('p', {}, `Not on the map: ${unplaced.map((item) => `${item.title} (${item.location.country}: no outline at this scale)`).join('; ')}.`)
      : '',
  );
  shown = map;
}
