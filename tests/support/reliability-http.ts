/** Writing through the HTTP API, for the reliability suites that run the real server. */
import { HttpAnswer, http } from './app';
import { barkhaneSource, opening } from './barkhane';

export const EXCERPT = 'neutraliser sept terroristes';

export interface Receipt {
  eventId: string;
  type: string;
  streamVersion: number;
  globalPosition: number;
}

function expectStatus(answer: HttpAnswer, statuses: number[], what: string): void {
  if (!statuses.includes(answer.status)) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

export class HttpWriter {
  constructor(readonly baseUrl: string) {}

  async registerBarkhane(): Promise<string> {
    const answer = await http(this.baseUrl, 'POST', '/sources', { body: barkhaneSource() });
    expectStatus(answer, [200, 201], 'POST /sources');
    return answer.body.sourceId;
  }

  async open(sourceId: string, overrides: Record<string, unknown> = {}): Promise<{ incidentId: string; globalPosition: number }> {
    const answer = await http(this.baseUrl, 'POST', '/incidents', { body: opening(sourceId, overrides) });
    expectStatus(answer, [201], 'POST /incidents');
    return answer.body;
  }

  async record(incidentId: string, sourceId: string, ...events: { type: string; data: unknown }[]): Promise<Receipt[]> {
    const answer = await http(this.baseUrl, 'POST', `/incidents/${incidentId}/events`, {
      body: { events: events.map((e) => ({ ...e, source: { sourceId, excerpt: EXCERPT } })) },
    });
    expectStatus(answer, [201], `POST /incidents/${incidentId}/events`);
    return answer.body.events;
  }
}

export const casualtiesEvent = (count: Record<string, number>, side = 'hostile', status = 'neutralised') => ({
  type: 'CasualtiesReported',
  data: { side, status, count, wording: EXCERPT },
});

export const correctionEvent = (correctsEventId: string, data: Record<string, unknown>) => ({
  type: 'FactCorrected',
  data: { correctsEventId, data, reason: 'a later communiqué' },
});

export const retractionEvent = (retractsEventId: string) => ({
  type: 'FactRetracted',
  data: { retractsEventId, reason: 'not supported by the source' },
});

/** A record time strictly between what was written before and what will be written after. */
export async function momentBetweenWrites(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 15));
  const moment = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 15));
  return moment;
}
