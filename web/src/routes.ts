import { withQuery, type Query } from './api';

/** Hash routes: the page is one file, so links and the back button work without server routes. */
export type Route =
  | { view: 'list'; query: URLSearchParams }
  | { view: 'incident'; incidentId: string; query: URLSearchParams }
  | { view: 'tally'; query: URLSearchParams }
  | { view: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(search);
  if (path === '' || path === '/') return { view: 'list', query };
  if (path === '/tally') return { view: 'tally', query };
  const incident = /^\/incidents\/([^/]+)$/.exec(path);
  if (incident) return { view: 'incident', incidentId: decodeURIComponent(incident[1]), query };
  return { view: 'not-found', path };
}

export const listHref = (query: Query = {}): string => `#${withQuery('/', query)}`;
export const tallyHref = (query: Query = {}): string => `#${withQuery('/tally', query)}`;
export const incidentHref = (incidentId: string, query: Query = {}): string => `#${withQuery(`/incidents/${encodeURIComponent(incidentId)}`, query)}`;

/** The query of a form's named fields, empty ones left out. */
export function formQuery(form: HTMLFormElement): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    query[name] = query[name] ? `${query[name]},${value.trim()}` : value.trim();
  }
  return query;
}
