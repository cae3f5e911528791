import { Role } from './caller';

/** A route anyone may call, without a key. */
export const PUBLIC = 'public';
export type RouteAccess = Role | typeof PUBLIC;

/**
 * Who may call each route, as `METHOD /path` with Fastify's `:param` syntax. Every route the app
 * registers must be here: the app refuses to start with a route missing (see access-control.ts).
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /health': PUBLIC,

  'GET /sources': 'reader',
  'GET /sources/:sourceId': 'reader',
  'GET /incidents': 'reader',
  'GET /incidents/:incidentId': 'reader',
  'GET /incidents/:incidentId/history': 'reader',
  'GET /events': 'reader',
  'GET /stats/casualties': 'reader',
  'GET /stats/materiel': 'reader',
  'GET /identifications': 'reader',
  'GET /actors': 'reader',
  'GET /projections': 'reader',
  'GET /metrics': 'reader',
  'GET /exports/acled.csv': 'reader',
  'GET /exports/ucdp.csv': 'reader',
  'GET /exports/incidents.geojson': 'reader',
  'GET /map/places': 'reader',

  'POST /sources': 'recorder',
  'POST /incidents': 'recorder',
  'POST /incidents/:incidentId/events': 'recorder',
  'POST /imports': 'recorder',

  'POST /projections/:name/rebuild': 'admin',
};

/** The OpenAPI pages: /docs, /docs-json, /docs-yaml and the UI's files under /docs/. */
const isDocs = (url: string): boolean => url === '/docs' || url === '/docs-json' || url === '/docs-yaml' || url.startsWith('/docs/');
/** The web view's page and its built files (src/web/serve-web.ts): the page asks for a key itself, for the API. */
const isWebView = (url: string): boolean => url === '/' || url === '/index.html' || url.startsWith('/assets/');

/**
 * What a route needs, or undefined when it was never declared. A HEAD asks what its GET asks; an
 * OPTIONS request (a CORS preflight) never carries credentials, so it needs none. A request no
 * route matches (`url` undefined) needs a key, so that a caller without one learns nothing of the routes.
 */
export function accessOf(method: string, url: string | undefined): RouteAccess | undefined {
  const verb = method.toUpperCase();
  if (verb === 'OPTIONS') return PUBLIC;
  if (url === undefined) return 'reader';
  if (isDocs(url) || isWebView(url)) return PUBLIC;
  return ROUTE_ACCESS[`${verb === 'HEAD' ? 'GET' : verb} ${url}`];
}
