import autocannon from 'autocannon';
import { syntheticIncident, SYNTHETIC_SOURCE_TEXT } from '../synthetic-incidents';

export interface HttpFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers that were not 2xx, and connection errors or timeouts: a run with any is flagged. */
  failures: number;
  /** The server's CPU time per completed request during the measured run, in ms, when its CPU time could be read. */
  cpuMsPerRequest: number | null;
}

export interface HttpSettings {
  connections: number;
  seconds: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** One autocannon run, the path of each request taken in turn from `paths` (after a warm-up, 1 s unless said). */
/** `serverCpuMs`: reads the server's CPU time so far (`Server.cpuMs`), for its CPU per request. */
export async function hammer(
  base: string, settings: HttpSettings, method: 'GET' | 'POST', paths: readonly string[], body?: string, warmUpSeconds = 1,
  serverCpuMs: () => number | null = () => null,
): Promise<HttpFigures> {
  const run = (duration: number) => {
    let next = 0;
    return autocannon({
      url: base, connections: settings.connections, duration, timeout: 30,
      requests: [{
        method, headers: body ? JSON_HEADERS : {}, ...(body ? { body } : {}),
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
      }],
    });
  };
  if (warmUpSeconds > 0) await run(warmUpSeconds);
  const cpuBefore = serverCpuMs();
  const result = await run(settings.seconds);
  const cpuAfter = serverCpuMs();
  const answered = result['2xx'] + result.non2xx;
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null || answered === 0 ? null : (cpuAfter - cpuBefore) / answered,
  };
}

/** Several runs of one load as one: requests and failures added up, the rate and the latencies averaged. */
export function averageOf(runs: readonly HttpFigures[]): HttpFigures {
  const mean = (pick: (f: HttpFigures) => number) => runs.reduce((sum, f) => sum + pick(f), 0) / runs.length;
  return {
    requestsPerSecond: mean((f) => f.requestsPerSecond),
    p50: mean((f) => f.p50),
    p99: mean((f) => f.p99),
    requests: runs.reduce((sum, f) => sum + f.requests, 0),
    failures: runs.reduce((sum, f) => sum + f.failures, 0),
    cpuMsPerRequest: runs.every((f) => f.cpuMsPerRequest !== null) ? mean((f) => f.cpuMsPerRequest!) : null,
  };
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; etag: string | null }> {
  const response = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : JSON_HEADERS, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, text: await response.text(), etag: response.headers.get('etag') };
}

async function expectOk(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await call(base, method, path, body);
  if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path}: ${answer.status} ${answer.text.slice(0, 500)}`);
  return answer.text ? JSON.parse(answer.text) : null;
}

async function inTurns<T>(count: number, lanes: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    for (let i = next++; i < count; i = next++) results[i] = await work(i);
  }));
  return results;
}

/** What the write and read runs send: bodies, and the incidents they go to. */
export interface HttpWorkload {
  /** Incidents the appends go to, in turn (so no If-Match is needed). */
  writePaths: string[];
  /** Incidents of ~10 facts, for GET. */
  readPaths: string[];
  oneEvent: string;
  hundredEvents: string;
}

/** Registers the source and opens the incidents through the app's HTTP API. */
export async function prepareApp(base: string, incidents: number): Promise<HttpWorkload> {
  const { sourceId } = await expectOk(base, 'POST', '/sources', {
    publisher: 'bench', title: 'bench communiqué', publishedAt: '2018-11-13T00:00:00Z', language: 'fr', url: null, text: SYNTHETIC_SOURCE_TEXT,
  });
  const open = async (index: number, withFacts: boolean) => {
    const { events: [opening, ...facts] } = syntheticIncident(index, sourceId);
    const { incidentId: _id, ...data } = opening.data as { incidentId: string };
    const { incidentId } = await expectOk(base, 'POST', '/incidents', { ...data, source: opening.source });
    if (withFacts) {
      await expectOk(base, 'POST', `/incidents/${incidentId}/events`, {
        events: facts.map(({ eventId, type, data: factData, source, confidence }) => ({ eventId, type, data: factData, source, confidence })),
      });
    }
    return `/incidents/${incidentId}`;
  };
  const writeTargets = await inTurns(incidents, 8, (i) => open(i, false));
  const readPaths = await inTurns(incidents, 8, (i) => open(incidents + i, true));
  const source = (excerpt: string) => ({ sourceId, excerpt });
  const casualty = (i: number) => ({
    type: 'CasualtiesReported',
    data: { side: 'hostile', status: 'neutralised', count: { low: 5, best: 7 + (i % 3), high: 12 }, wording: 'neutraliser sept terroristes' },
    source: source('neutraliser sept terroristes'), confidence: 'confirmed',
  });
  const mixed = [
    casualty,
    () => ({ type: 'RaidConducted', data: { force: 'French forces', modes: ['heliborne'], support: ['MQ-9 Reaper drone'], target: 'armed group' }, source: source('raid héliporté'), confidence: 'confirmed' }),
    () => ({ type: 'FireExchanged', data: { initiatedBy: 'French forces', warningShots: true, hostileWeapons: ['light weapons'], outcome: 'fire ended' }, source: source('tirs de sommation'), confidence: 'confirmed' }),
    () => ({ type: 'MaterielSeized', data: { items: [{ category: 'light-weapons', description: 'weapons' }, { category: 'communications', description: 'radios', quantity: 2 }] }, source: source('ont été saisis'), confidence: 'confirmed' }),
    (i: number) => ({ type: 'ActorInvolved', data: { name: `katiba ${i}`, kind: 'armed-group', side: 'hostile', parent: 'RVIM' }, source: source('katiba du Gourma'), confidence: 'confirmed' }),
  ];
  return {
    writePaths: writeTargets.map((path) => `${path}/events`),
    readPaths,
    oneEvent: JSON.stringify({ events: [casualty(0)] }),
    hundredEvents: JSON.stringify({ events: Array.from({ length: 100 }, (_, i) => mixed[i % mixed.length](i)) }),
  };
}

/** The incidents' views as the app answers them (GET), for the ceiling's GET route to answer the same. */
export function fetchViews(appBase: string, readPaths: readonly string[]): Promise<unknown[]> {
  return inTurns(readPaths.length, 8, (i) => expectOk(appBase, 'GET', readPaths[i]));
}

export async function storeViews(ceilingBase: string, readPaths: readonly string[], views: readonly unknown[]): Promise<void> {
  await inTurns(readPaths.length, 8, (i) => expectOk(ceilingBase, 'PUT', readPaths[i].replace('/incidents/', '/views/'), views[i]));
}
