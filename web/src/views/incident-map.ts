import L from 'leaflet';
import type { MapPlace, MapPlaces } from '../api-types';
import { loadAtlas } from '../atlas';
import { h } from '../dom';
import { countryName } from '../format';
import { incidentHref, listHref } from '../routes';

/** A place of `GET /map/places` where the map draws it: at its coordinates, or at its country's centre. */
interface DrawnPlace extends MapPlace {
  latLng: [number, number];
  byCountry: boolean;
}

function drawn(places: MapPlace[], centreOf: (country: string) => [number, number] | null) {
  const shown: DrawnPlace[] = [];
  const unplaced: MapPlace[] = [];
  for (const place of places) {
    const byCountry = place.latitude === null || place.longitude === null;
    const latLng = byCountry ? centreOf(place.country) : ([place.latitude, place.longitude] as [number, number]);
    if (latLng) shown.push({ ...place, latLng, byCountry });
    else unplaced.push(place);
  }
  return { shown, unplaced };
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function describe(place: DrawnPlace): string {
  if (place.count === 1) {
    const where = place.byCountry ? `placed at the centre of ${countryName(place.country)} (no coordinates)` : 'at its coordinates';
    return `${place.incidents[0].title}, ${where}`;
  }
  return `${plural(place.count, 'incident')} ${place.byCountry ? `placed at the centre of ${countryName(place.country)} (no coordinates)` : 'at the same coordinates'}`;
}

/** The place's newest incidents; when it holds more, a link to the list of its country with the same filters. */
function popup(place: DrawnPlace, filters: Record<string, string>): HTMLElement {
  const more = place.count - place.incidents.length;
  return h(
    'div',
    { class: 'map-popup' },
    h('p', {}, describe(place)),
    h('ul', {}, ...place.incidents.map((incident) => h('li', {}, h('a', { href: incidentHref(incident.incidentId) }, incident.title)))),
    more > 0
      ? h('p', {}, `and ${plural(more, 'more')}: `, h('a', { href: listHref({ ...filters, country: place.country }) }, `list the incidents in ${countryName(place.country)}`))
      : null,
  );
}

/** Room for the count inside the marker: a wider circle for more digits. */
function iconSize(count: number): [number, number] {
  if (count === 1) return [18, 18];
  const width = Math.max(26, 10 + 7 * String(count).length);
  return [width, width];
}

/**
 * A map of every incident the list's filters keep (not only the page shown), drawn on country
 * outlines bundled with the page (no tile server: it works offline). Markers are Leaflet markers,
 * so they take keyboard focus and open on Enter.
 */
let shown: L.Map | null = null;

export async function renderIncidentMap(container: HTMLElement, notes: HTMLElement, { total, places }: MapPlaces, filters: Record<string, string>): Promise<void> {
  const atlas = await loadAtlas();
  // Leaflet listens on the window: the previous list's map is taken down, not just detached.
  shown?.remove();
  // preferCanvas: the outlines (the only vector layer; markers stay elements, for the keyboard) go on one canvas, not ~180 SVG paths: the map is drawn sooner.
  const map = L.map(container, { preferCanvas: true, attributionControl: true, zoomSnap: 0.5, worldCopyJump: true, minZoom: 1, maxZoom: 9 });
  map.attributionControl.setPrefix(false).addAttribution('Outlines: Natural Earth (world-atlas)');
  L.geoJSON(atlas.outlines, { interactive: false, style: { color: '#6b6b6b', weight: 0.8, fillColor: '#f3efe4', fillOpacity: 1 } }).addTo(map);

  const { shown: onMap, unplaced } = drawn(places, (country) => atlas.centreOf(country));
  for (const place of onMap) {
    const icon = L.divIcon({
      className: `incident-marker ${place.byCountry ? 'incident-marker--country' : 'incident-marker--exact'}`,
      html: h('span', {}, place.count > 1 ? String(place.count) : ''),
      iconSize: iconSize(place.count),
    });
    const label = describe(place);
    // The popup is built when opened, not for every marker up front: hundreds of places must not delay the map.
    L.marker(place.latLng, { icon, title: label, alt: label, keyboard: true, riseOnHover: true }).bindPopup(() => popup(place, filters)).addTo(map);
  }
  if (onMap.length > 0) map.fitBounds(L.latLngBounds(onMap.map((place) => place.latLng)).pad(0.6), { maxZoom: 5 });
  else map.setView([17, 0], 3);

  notes.replaceChildren(
    h('p', { class: 'map-total' }, `${plural(total, 'incident')} matching the filters, on every page of the list.`),
    h(
      'ul',
      { class: 'legend' },
      h('li', {}, h('span', { class: 'legend-swatch incident-marker--exact', 'aria-hidden': 'true' }), 'at the coordinates the incident gives'),
      h('li', {}, h('span', { class: 'legend-swatch incident-marker--country', 'aria-hidden': 'true' }), "placed at its country's centre: no coordinates given"),
    ),
    unplaced.length > 0
      ? h('p', {}, `Not on the map: ${unplaced.map((place) => `${plural(place.count, 'incident')} in ${place.country} (no outline at this scale)`).join('; ')}.`)
      : '',
  );
  shown = map;
}
