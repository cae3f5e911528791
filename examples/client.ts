/**
 * The README's walk-through with a typed client: openapi-fetch over the types openapi-typescript
 * made from the served OpenAPI document (`examples/api-types.ts`, `npm run client:types`).
 * Paths, bodies, parameters and answers are all checked by the compiler.
 *
 *   npm start                                   # in another terminal
 *   npm run client:example                      # BASE_URL (default http://127.0.0.1:3000), API_KEY if keys are configured
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import type { paths } from './api-types';

const COMMUNIQUE = join(__dirname, '../seeds/barkhane-2018-11-12/communique.fr.txt');

/** What the walk-through read back, for whoever runs it (the test checks it). */
export interface WalkThrough {
  sourceId: string;
  incidentId: string;
  version: number;
  hostileNeutralised: { low: number | null; best: number | null; high: number | null };
  revisions: { version: number; type: string; changes: number }[];
}

export async function walkThrough(baseUrl: string, apiKey?: string): Promise<WalkThrough> {
  const client = createClient<paths>({ baseUrl, headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
  const fail = (step: string, error: unknown): never => {
    throw new Error(`${step}: ${JSON.stringify(error)}`);
  };

  // 1. Register the communiqué (the same text again answers 200 with the same sourceId).
  const source = await client.POST('/sources', {
    body: {
      publisher: 'Ministère des Armées — État-major des armées',
      title: 'BARKHANE : la force Barkhane met hors de combat un groupe terroriste au Mali.',
      publishedAt: '2018-11-13T00:00:00Z',
      language: 'fr',
      text: readFileSync(COMMUNIQUE, 'utf8'),
    },
  });
  const sourceId = source.data?.sourceId ?? fail('register the source', source.error);

  // 2. Open an incident.
  const opened = await client.POST('/incidents', {
    body: {
      title: 'Raid against a terrorist group in the Gourma',
      occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
      location: { country: 'ML', area: 'Gourma', precision: 'area' },
      operation: 'Barkhane',
      source: { sourceId, excerpt: 'Dans la nuit du 11 au 12 novembre 2018, dans la région du Gourma au Mali' },
    },
  });
  const incidentId = opened.data?.incidentId ?? fail('open the incident', opened.error);

  // 3. Record facts, on the condition that the incident is still at version 1.
  const recorded = await client.POST('/incidents/{incidentId}/events', {
    params: { path: { incidentId }, header: { 'If-Match': '"1"' } },
    body: {
      events: [
        {
          type: 'CasualtiesReported',
          data: { side: 'hostile', status: 'neutralised', count: { low: 2 }, wording: 'les terroristes neutralisés' },
          source: { sourceId, excerpt: 'parmi les terroristes neutralisés' },
        },
      ],
    },
  });
  if (!recorded.data) fail('record the casualties', recorded.error);

  // 4. Read the incident back, and its revision history.
  const incident = await client.GET('/incidents/{incidentId}', { params: { path: { incidentId } } });
  if (!incident.data) return fail('read the incident', incident.error);
  const history = await client.GET('/incidents/{incidentId}/history', { params: { path: { incidentId } } });
  if (!history.data) return fail('read the history', history.error);

  const count = incident.data.casualties[0].count;
  return {
    sourceId,
    incidentId,
    version: incident.data.version,
    hostileNeutralised: { low: count.low, best: count.best, high: count.high },
    revisions: history.data.revisions.map((revision) => ({ version: revision.version, type: revision.type, changes: revision.changes.length })),
  };
}

if (require.main === module) {
  walkThrough(process.env.BASE_URL ?? 'http://127.0.0.1:3000', process.env.API_KEY).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(String(error));
      process.exit(1);
    },
  );
}
