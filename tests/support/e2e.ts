import { v7 as uuidv7 } from 'uuid';
import { HttpAnswer, RunningApp, http, startApp } from './app';
import { barkhaneSource, opening } from './barkhane';

/** Ids the server makes are UUID v7 (they sort by time). */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** ISO 8601 date-time with an offset. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const newId = (): string => uuidv7();

/** The position of the last event in the global log, found by paging GET /events to its end. */
export async function logLength(baseUrl: string): Promise<number> {
  let after = 0;
  let events = 0;
  for (;;) {
    const page = await http(baseUrl, 'GET', `/events?after=${after}&limit=1000`);
    expect(page.status).toBe(200);
    if (page.body.events.length === 0) return events;
    events += page.body.events.length;
    after = page.body.lastPosition;
  }
}

/** Stores the Barkhane communiqué (or another text) and answers its sourceId. */
export async function registerSource(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await http(baseUrl, 'POST', '/sources', { body: { ...barkhaneSource(), ...overrides } });
  expect([200, 201]).toContain(answer.status);
  return answer.body.sourceId;
}

/** Opens an incident (the seed's opening unless overridden) and answers its id. */
export async function openIncident(baseUrl: string, sourceId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await http(baseUrl, 'POST', '/incidents', { body: opening(sourceId, overrides) });
  expect(answer.status).toBe(201);
  return answer.body.incidentId;
}

/** A running app with a source registered and an incident opened on it: where most suites start. */
export async function startAppWithIncident(): Promise<{ server: RunningApp; base: string; sourceId: string; incidentId: string }> {
  const server = await startApp();
  const sourceId = await registerSource(server.baseUrl);
  return { server, base: server.baseUrl, sourceId, incidentId: await openIncident(server.baseUrl, sourceId) };
}

/** GET /incidents/{id} (with a query such as `?asOf=…`), which must answer 200; answers the incident. */
export async function readIncident(baseUrl: string, incidentId: string, query = ''): Promise<any> {
  const answer = await http(baseUrl, 'GET', `/incidents/${incidentId}${query}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

export function recordEvents(baseUrl: string, incidentId: string, events: unknown[], headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return http(baseUrl, 'POST', `/incidents/${incidentId}/events`, { body: { events }, headers });
}

/** Records events that must be accepted; answers the receipts. */
export async function recorded(baseUrl: string, incidentId: string, events: unknown[]): Promise<HttpAnswer> {
  const answer = await recordEvents(baseUrl, incidentId, events);
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/**
 * The contract's error body, exactly `{ statusCode, error, message: string[] }`, holding every
 * expected message (a string is matched whole, a RegExp anywhere).
 */
export function expectError(answer: HttpAnswer, statusCode: number, error: string, ...messages: (string | RegExp)[]): void {
  expect({ status: answer.status, body: answer.body }).toEqual({
    status: statusCode,
    body: { statusCode, error, message: expect.any(Array) },
  });
  for (const line of answer.body.message) expect(typeof line).toBe('string');
  for (const message of messages) {
    expect(answer.body.message).toEqual(expect.arrayContaining([typeof message === 'string' ? message : expect.stringMatching(message)]));
  }
}

/** The log's length now, then a check that a refused request wrote nothing: `const unchanged = await logUnchanged(base); …; await unchanged()`. */
export async function logUnchanged(baseUrl: string): Promise<() => Promise<void>> {
  const before = await logLength(baseUrl);
  return async () => expect(await logLength(baseUrl)).toBe(before);
}

/** A fact as GET /incidents/{id} shows it: its data, then eventId, confidence, source and corrections. */
export const shown = (data: Record<string, unknown>, attribution: { eventId: string; confidence?: string; source: unknown; corrections?: unknown[] }) => ({
  ...data,
  eventId: attribution.eventId,
  confidence: attribution.confidence ?? 'confirmed',
  source: attribution.source,
  corrections: attribution.corrections ?? [],
});

/**
 * Facts of the Barkhane communiqué, each with an excerpt that occurs in its text, in the shapes
 * of API 1.1 (`facts.raid(id, { mode })` sends the v1 field alone, as clients still may).
 */
export const facts = {
  raid: (sourceId: string, overrides: Record<string, unknown> = {}) => {
    const data: Record<string, unknown> = { force: 'French forces (Opération Barkhane)', modes: ['heliborne'], support: ['MQ-9 Reaper drone'], target: 'terrorist group', ...overrides };
    if ('mode' in overrides && !('modes' in overrides)) delete data.modes;
    return { type: 'RaidConducted', data, source: { sourceId, excerpt: 'un raid héliporté appuyé par un drone Reaper' } };
  },
  strike: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'StrikeConducted',
    data: { force: 'French forces', means: ['drone'], platforms: ['MQ-9 Reaper'], target: 'terrorist group', ...overrides },
    source: { sourceId, excerpt: 'drone Reaper' },
    confidence: 'possible',
  }),
  fireExchanged: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'FireExchanged',
    data: { initiatedBy: 'French forces', warningShots: true, hostileWeapons: ['light weapons', 'collective weapons'], outcome: 'riposte ended the fire', ...overrides },
    source: { sourceId, excerpt: 'Après des tirs de sommation effectués par les forces françaises' },
  }),
  seized: (sourceId: string) => ({
    type: 'MaterielSeized',
    data: { items: [{ category: 'heavy-weapons', description: 'armes lourdes' }, { category: 'light-weapons', description: 'armes légères', quantity: 3 }] },
    source: { sourceId, excerpt: 'Des armes lourdes et légères' },
  }),
  destroyed: (sourceId: string) => ({
    type: 'MaterielDestroyed',
    data: { items: [{ category: 'communications', description: 'moyens de communication' }] },
    source: { sourceId, excerpt: 'des moyens de communication' },
    confidence: 'unverified',
  }),
  personsFreed: (sourceId: string) => ({
    type: 'PersonsFreed',
    data: { count: { low: 1, best: 2, high: 3 }, description: 'civilians' },
    source: { sourceId, excerpt: 'les populations civiles' },
  }),
  actor: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'ActorInvolved',
    data: { name: 'katiba du Gourma', kind: 'armed-group', side: 'hostile', parent: 'RVIM', founded: 2014, ...overrides },
    source: { sourceId, excerpt: 'La katiba du Gourma est un groupe armé terroriste, créé en 2014' },
  }),
  pending: (sourceId: string, eventId: string = newId(), overrides: Record<string, unknown> = {}) => ({
    type: 'IdentificationPending',
    eventId,
    data: { person: 'Almansour Ag Alkassam', role: 'leader', group: 'katiba du Gourma', ...overrides },
    source: { sourceId, excerpt: 'le chef de la katiba du Gourma connu sous le nom de Almansour Ag Alkassam' },
    confidence: 'probable',
  }),
  confirmed: (sourceId: string, identificationId: string) => ({
    type: 'IdentificationConfirmed',
    data: { identificationId },
    source: { sourceId, excerpt: 'La neutralisation probable chef de la katiba du Gourma' },
  }),
  refuted: (sourceId: string, identificationId: string) => ({
    type: 'IdentificationRefuted',
    data: { identificationId },
    source: { sourceId, excerpt: 'A ce stade de l’évaluation de l’opération' },
  }),
  corrected: (sourceId: string, correctsEventId: string, data: Record<string, unknown>, more: { confidence?: string; excerpt?: string; reason?: string } = {}) => ({
    type: 'FactCorrected',
    data: { correctsEventId, data, reason: more.reason ?? 'a later communiqué', ...(more.confidence === undefined ? {} : { confidence: more.confidence }) },
    source: { sourceId, excerpt: more.excerpt ?? 'neutraliser sept terroristes' },
  }),
  retracted: (sourceId: string, retractsEventId: string) => ({
    type: 'FactRetracted',
    data: { retractsEventId, reason: 'not in the communiqué after all' },
    source: { sourceId, excerpt: 'neutraliser sept terroristes' },
  }),
};

/**
 * A communiqué as real ones read (API 1.1): vague counts, a place relative to a town, a part of
 * a day, an attack, arrests, an abduction, a cache, air sorties, an unnamed deputy.
 */
export const SAHEL_TEXT = [
  'OPÉRATION BARKHANE : point de situation.',
  'Le 3 mars 2020 au matin, à 80 km à l’est de Tessalit, un convoi des forces armées maliennes a été attaqué par des combattants de l’EIGS',
  '(État islamique au Grand Sahara) à l’aide d’un engin explosif improvisé et d’armes légères.',
  'Plusieurs terroristes ont été neutralisés lors de la riposte.',
  'Une dizaine de suspects ont été interpellés puis remis à la justice malienne.',
  'Deux travailleurs humanitaires ont été enlevés par des hommes armés non identifiés.',
  'Une cache d’armes contenant des munitions a été découverte dans un oued.',
  'Une cinquantaine de sorties aériennes ont été conduites par la composante aérienne.',
  'L’adjoint du chef de la katiba, dont le nom n’a pas été communiqué, figure parmi les terroristes capturés.',
  'Un bilan consolidé confirme ces éléments.',
].join('\n');

export const sahelSource = () => ({
  publisher: 'Ministère des Armées — État-major des armées',
  title: 'OPÉRATION BARKHANE : point de situation',
  publishedAt: '2020-03-05T00:00:00Z',
  language: 'fr',
  text: SAHEL_TEXT,
});

/** Stores the 1.1 communiqué and answers its sourceId. */
export const registerSahelSource = (baseUrl: string): Promise<string> => registerSource(baseUrl, sahelSource());

const cite = (sourceId: string, excerpt: string) => ({ sourceId, excerpt });

/** Facts of the 1.1 communiqué (SAHEL_TEXT), each with an excerpt that occurs in it. */
export const sahel = {
  opening: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    title: 'Attack on a convoy east of Tessalit',
    occurred: { start: '2020-03-03T06:00:00Z', end: '2020-03-03T12:00:00Z', precision: 'morning' },
    location: { country: 'ML', area: 'Kidal', precision: 'area', relativeTo: { place: 'Tessalit', direction: 'E', distanceKm: 80 } },
    operation: 'Barkhane',
    source: cite(sourceId, 'Le 3 mars 2020 au matin, à 80 km à l’est de Tessalit'),
    ...overrides,
  }),
  attack: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'AttackReported',
    data: { by: 'EIGS', against: 'military', means: ['ied', 'small-arms'], description: 'convoy of the Malian armed forces attacked', ...overrides },
    source: cite(sourceId, 'un convoi des forces armées maliennes a été attaqué'),
  }),
  casualties: (sourceId: string, count: Record<string, unknown> = { low: 2 }) => ({
    type: 'CasualtiesReported',
    data: { side: 'hostile', status: 'neutralised', count, wording: 'Plusieurs terroristes' },
    source: cite(sourceId, 'Plusieurs terroristes ont été neutralisés'),
  }),
  detained: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'PersonsDetained',
    data: { count: { low: 8, best: 10, high: 12 }, description: 'suspects', by: 'French forces', handedTo: 'la justice malienne', ...overrides },
    source: cite(sourceId, 'Une dizaine de suspects ont été interpellés puis remis à la justice malienne'),
    confidence: 'probable',
  }),
  abducted: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'PersonsAbducted',
    data: { count: { best: 2 }, description: 'humanitarian workers', ...overrides },
    source: cite(sourceId, 'Deux travailleurs humanitaires ont été enlevés'),
  }),
  site: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'SiteDiscovered',
    data: { kind: 'weapons-cache', description: 'weapons cache with ammunition, in a wadi', ...overrides },
    source: cite(sourceId, 'Une cache d’armes contenant des munitions a été découverte'),
    confidence: 'possible',
  }),
  activity: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'ActivityReported',
    data: { kind: 'air-sorties', force: 'composante aérienne', count: { low: 45, best: 50, high: 55 }, description: 'air sorties', ...overrides },
    source: cite(sourceId, 'Une cinquantaine de sorties aériennes'),
  }),
  actor: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'ActorInvolved',
    data: { name: 'État islamique au Grand Sahara', kind: 'armed-group', side: 'hostile', aliases: ['EIGS', 'ISGS'], ...overrides },
    source: cite(sourceId, 'combattants de l’EIGS'),
  }),
  deputy: (sourceId: string, eventId: string = newId(), overrides: Record<string, unknown> = {}) => ({
    type: 'IdentificationPending',
    eventId,
    data: { role: 'deputy of the katiba leader', fate: 'captured', ...overrides },
    source: cite(sourceId, 'L’adjoint du chef de la katiba, dont le nom n’a pas été communiqué'),
    confidence: 'probable',
  }),
  confirmed: (sourceId: string, identificationId: string) => ({
    type: 'IdentificationConfirmed',
    data: { identificationId },
    source: cite(sourceId, 'Un bilan consolidé confirme ces éléments'),
  }),
  linked: (sourceId: string, incidentId: string, relation = 'follows', note: string | null = null) => ({
    type: 'IncidentLinked',
    data: { incidentId, relation, ...(note === null ? {} : { note }) },
    source: cite(sourceId, 'Un bilan consolidé confirme ces éléments'),
  }),
  withdrawn: (sourceId: string, reason = 'recorded twice', duplicateOf?: string) => ({
    type: 'IncidentWithdrawn',
    data: { reason, ...(duplicateOf === undefined ? {} : { duplicateOf }) },
    source: cite(sourceId, 'Un bilan consolidé confirme ces éléments'),
  }),
  retracted: (sourceId: string, retractsEventId: string, reason = 'withdrawn by mistake') => ({
    type: 'FactRetracted',
    data: { retractsEventId, reason },
    source: cite(sourceId, 'Un bilan consolidé confirme ces éléments'),
  }),
};

/** Opens an incident from the 1.1 communiqué and answers its id. */
export async function openSahelIncident(baseUrl: string, sourceId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await http(baseUrl, 'POST', '/incidents', { body: sahel.opening(sourceId, overrides) });
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.incidentId;
}
