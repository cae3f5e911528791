import { v7 as uuidv7 } from 'uuid';
import { HttpAnswer, http } from './app';
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

/** Facts of the Barkhane communiqué, each with an excerpt that occurs in its text. */
export const facts = {
  raid: (sourceId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'RaidConducted',
    data: { force: 'French forces (Opération Barkhane)', mode: 'heliborne', support: ['MQ-9 Reaper drone'], target: 'terrorist group', ...overrides },
    source: { sourceId, excerpt: 'un raid héliporté appuyé par un drone Reaper' },
  }),
  strike: (sourceId: string) => ({
    type: 'StrikeConducted',
    data: { force: 'French forces', means: 'drone', platforms: ['MQ-9 Reaper'], target: 'terrorist group' },
    source: { sourceId, excerpt: 'drone Reaper' },
    confidence: 'possible',
  }),
  fireExchanged: (sourceId: string) => ({
    type: 'FireExchanged',
    data: { initiatedBy: 'French forces', warningShots: true, hostileWeapons: ['light weapons', 'collective weapons'], outcome: 'riposte ended the fire' },
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
  pending: (sourceId: string, eventId: string = newId()) => ({
    type: 'IdentificationPending',
    eventId,
    data: { person: 'Almansour Ag Alkassam', role: 'leader', group: 'katiba du Gourma' },
    source: { sourceId, excerpt: 'le chef de la katiba du Gourma connu sous le nom de Almansour Ag Alkassam' },
    confidence: 'probable',
  }),
  confirmed: (sourceId: string, identificationId: string) => ({
    type: 'IdentificationConfirmed',
    data: { identificationId },
    source: { sourceId, excerpt: 'La neutralisation probable chef de la katiba du Gourma' },
  }),
  corrected: (sourceId: string, correctsEventId: string, data: Record<string, unknown>) => ({
    type: 'FactCorrected',
    data: { correctsEventId, data, reason: 'a later communiqué' },
    source: { sourceId, excerpt: 'neutraliser sept terroristes' },
  }),
  retracted: (sourceId: string, retractsEventId: string) => ({
    type: 'FactRetracted',
    data: { retractsEventId, reason: 'not in the communiqué after all' },
    source: { sourceId, excerpt: 'neutraliser sept terroristes' },
  }),
};
