import { getJson } from '../api';
import type { IncidentList, MapPlaces, SourceList } from '../api-types';
import { field, h } from '../dom';
import { formatPlace, formatSpan, formatTime } from '../format';
import { formQuery, incidentHref, listHref } from '../routes';
import { showError } from './errors';

const PAGE_SIZES = ['25', '50', '100', '200'];

/** The list's filters, in the hash as the user typed them; the API's filters derived from them (the map takes the same). */
function apiFilters(query: URLSearchParams) {
  const from = query.get('from');
  const to = query.get('to');
  return {
    country: query.get('country')?.toUpperCase(),
    from: from ? `${from}T00:00:00Z` : undefined,
    to: to ? `${to}T23:59:59Z` : undefined,
    operation: query.get('operation'),
    actor: query.get('actor'),
    sourceId: query.get('sourceId'),
    includeWithdrawn: query.get('includeWithdrawn') ? 'true' : undefined,
  };
}

/** The hash's filters without its paging: what a link from the map to a country's list keeps. */
function hashFilters(query: URLSearchParams): Record<string, string> {
  const { cursor: _cursor, ...filters } = Object.fromEntries(query);
  return filters;
}

function input(name: string, query: URLSearchParams, attributes: Record<string, string> = {}): HTMLInputElement {
  return h('input', { name, id: `filter-${name}`, value: query.get(name) ?? '', ...attributes });
}

function filtersForm(query: URLSearchParams): HTMLFormElement {
  const source = h('select', { name: 'sourceId', id: 'filter-sourceId' }, h('option', { value: '' }, 'any source'));
  const selected = query.get('sourceId');
  if (selected) source.append(h('option', { value: selected, selected: true }, selected));
  // The sources fill the list when they arrive; the incidents do not wait for them.
  getJson<SourceList>('/sources', { limit: 500 })
    .then(({ items }) => {
      source.replaceChildren(
        h('option', { value: '' }, 'any source'),
        ...items.map((item) => h('option', { value: item.sourceId, selected: item.sourceId === selected }, `${item.title} (${item.publisher})`)),
      );
      if (selected && !items.some((item) => item.sourceId === selected)) source.append(h('option', { value: selected, selected: true }, selected));
    })
    .catch(() => undefined);
  const limit = h('select', { name: 'limit', id: 'filter-limit' }, ...PAGE_SIZES.map((size) => h('option', { value: size, selected: (query.get('limit') ?? '50') === size }, size)));
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter the incidents' },
    field('Country', input('country', query, { maxlength: '2', pattern: '[A-Za-z]{2}', autocapitalize: 'characters', size: '3' }), 'ISO code, e.g. ML'),
    field('From', input('from', query, { type: 'date' }), 'when it happened'),
    field('To', input('to', query, { type: 'date' })),
    field('Operation', input('operation', query)),
    field('Actor', input('actor', query), 'name or alias'),
    field('Source', source),
    field('Per page', limit),
    h(
      'div',
      { class: 'field field--check' },
      h('input', { type: 'checkbox', name: 'includeWithdrawn', id: 'filter-includeWithdrawn', value: 'true', checked: query.has('includeWithdrawn') }),
      h('label', { for: 'filter-includeWithdrawn' }, 'Include withdrawn'),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply filters'), h('a', { href: listHref(), class: 'button-link' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = listHref(formQuery(form));
  });
  return form;
}

function table(list: IncidentList): HTMLElement {
  if (list.items.length === 0) return h('p', { role: 'status' }, 'No incident matches these filters.');
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'incidents' },
      h('caption', {}, `${list.items.length} incident${list.items.length === 1 ? '' : 's'} on this page`),
      h('thead', {}, h('tr', {}, ...['Incident', 'When', 'Where', 'Operation', 'Version', 'Last recorded'].map((title) => h('th', { scope: 'col' }, title)))),
      h(
        'tbody',
        {},
        ...list.items.map((item) =>
          h(
            'tr',
            { 'data-incident-id': item.incidentId },
            h('th', { scope: 'row' }, h('a', { href: incidentHref(item.incidentId) }, item.title), item.withdrawn ? h('span', { class: 'badge badge--withdrawn' }, 'withdrawn') : null),
            h('td', {}, formatSpan(item.occurred)),
            h('td', {}, formatPlace(item.location)),
            h('td', {}, item.operation ?? '—'),
            h('td', {}, item.version),
            h('td', {}, formatTime(item.lastRecordedAt)),
          ),
        ),
      ),
    ),
  );
}

function paging(query: URLSearchParams, nextCursor: string | null): HTMLElement | null {
  const params = Object.fromEntries(query);
  const first = query.has('cursor') ? h('a', { href: listHref({ ...params, cursor: undefined }) }, 'First page') : null;
  const next = nextCursor ? h('a', { href: listHref({ ...params, cursor: nextCursor }), rel: 'next' }, 'Next page') : null;
  return first || next ? h('nav', { class: 'paging', 'aria-label': 'Pages of incidents' }, first, next) : null;
}

export async function renderList(main: HTMLElement, query: URLSearchParams, isCurrent: () => boolean): Promise<void> {
  // The map's code (Leaflet) and outlines load in chunks of their own while the list is fetched: the list waits for neither.
  const mapCode = Promise.all([import('./incident-map'), import('../atlas').then(({ loadAtlas }) => loadAtlas())]);
  mapCode.catch(() => undefined);
  const results = h('div', { class: 'results', 'aria-busy': 'true' }, h('p', { role: 'status' }, 'Loading the incidents…'));
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Incidents'), filtersForm(query), results);
  // The map's places (every incident the filters keep, not only this page) are asked for with the list, not after it.
  const places = getJson<MapPlaces>('/map/places', apiFilters(query));
  places.catch(() => undefined);
  let list: IncidentList;
  try {
    list = await getJson<IncidentList>('/incidents', { ...apiFilters(query), limit: query.get('limit') ?? '50', cursor: query.get('cursor') });
  } catch (error) {
    if (isCurrent()) showError(results, error);
    return;
  }
  if (!isCurrent()) return;
  const mapContainer = h('div', { class: 'map', role: 'region', 'aria-label': 'Map of every incident matching the filters' });
  const mapNotes = h('div', { class: 'map-notes' });
  results.replaceChildren(
    h('section', { class: 'list', 'aria-labelledby': 'list-heading' }, h('h2', { id: 'list-heading' }, 'List'), table(list), paging(query, list.nextCursor)),
    h('section', { class: 'map-section', 'aria-labelledby': 'map-heading' }, h('h2', { id: 'map-heading' }, 'Map'), mapContainer, mapNotes),
  );
  results.setAttribute('aria-busy', 'false');
  document.body.dataset.listRenderedAt = String(performance.now());
  try {
    const [drawn, [{ renderIncidentMap }]] = await Promise.all([places, mapCode]);
    if (!isCurrent()) return;
    await renderIncidentMap(mapContainer, mapNotes, drawn, hashFilters(query));
    // When the markers are in the page, for npm run screenshots' load time (as listRenderedAt is for the list).
    document.body.dataset.mapRenderedAt = String(performance.now());
  } catch (error) {
    if (isCurrent()) showError(mapNotes, error);
  }
}
