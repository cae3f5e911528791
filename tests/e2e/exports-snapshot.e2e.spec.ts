import { request, type IncomingMessage } from 'node:http';
import { RunningApp, http, startApp } from '../support/app';
import { barkhaneSource } from '../support/barkhane';
import { newId } from '../support/e2e';
import { checkAnswer } from '../support/openapi-answers';
import { exportFiltersOf } from '../../src/exports/export-request.dto';
import { ExportedIncidents } from '../../src/exports/exported-incidents';

/**
 * An export is one moment of the log, however long it streams: what is written while it streams
 * shows in none of its rows, neither in the pages not read yet nor in some of them only.
 */

/** Three pages of 200: the last page is read long after the first. */
const INCIDENTS = 450;
const BATCH = 150;
const OPENING_EXCERPT = 'Dans la nuit du 11 au 12 novembre 2018, dans la région du Gourma au Mali';
const COUNT_EXCERPT = 'neutraliser sept terroristes';

/** Incident i happened on day i before 2020-01-01: the newest first, so incident 0 is the first row and the last one the last row. */
function dayBefore2020(days: number): string {
  return new Date(Date.UTC(2020, 0, 1) - days * 86_400_000).toISOString().replace('.000', '');
}

function incident(index: number, title = `Snapshot incident ${index}`) {
  const start = dayBefore2020(index);
  return {
    // Its own id: without one, an import derives it from the document, and every batch is one document.
    incidentId: newId(),
    open: {
      title,
      occurred: { start, end: start, precision: 'day' },
      location: { country: 'ML', area: 'Gourma', admin1: null, name: null, latitude: null, longitude: null, precision: 'area' },
      operation: 'Snapshot',
      source: { excerpt: OPENING_EXCERPT },
    },
    events: [{ type: 'CasualtiesReported', data: { side: 'hostile', status: 'neutralised', count: { low: 1, best: 1, high: 1 } }, source: { excerpt: COUNT_EXCERPT } }],
  };
}

/** An export whose reading the test holds after the first bytes; `rest` reads it to the end. */
function startExport(base: string, path: string): Promise<{ rest(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${base}${path}`, (answer: IncomingMessage) => {
      const chunks: Buffer[] = [];
      answer.once('data', (first: Buffer) => {
        chunks.push(first);
        // Nothing more is read from the socket until `rest`: the server's writes back up and it stops reading pages.
        answer.pause();
        resolve({
          rest: () =>
            new Promise((done, failed) => {
              answer.on('data', (chunk: Buffer) => chunks.push(chunk));
              answer.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                checkAnswer('GET', path, answer.statusCode!, answer.headers['content-type'] ?? null, text);
                done(text);
              });
              answer.on('error', failed);
              answer.resume();
            }),
        });
      });
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('an export streamed while the log changes', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    for (let first = 0; first < INCIDENTS; first += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, offset) => incident(first + offset));
      const imported = await http(base, 'POST', '/imports', { body: { source: barkhaneSource(), incidents: batch } });
      expect(imported.status).toBe(201);
      sourceId = imported.body.sourceId;
      ids.push(...imported.body.incidents.map((item: { incidentId: string }) => item.incidentId));
    }
  });
  afterAll(() => server.close());

  /** While an export is held after its first rows: a new incident that sorts last, and a new count on the incident in the last row. */
  async function writeDuringTheExport(): Promise<string> {
    const late = await http(base, 'POST', '/imports', { body: { source: barkhaneSource(), incidents: [incident(INCIDENTS + 10, 'Snapshot incident written late')] } });
    expect(late.status).toBe(201);
    const counted = await http(base, 'POST', `/incidents/${ids.at(-1)}/events`, {
      body: { events: [{ type: 'CasualtiesReported', data: { side: 'civilian', status: 'killed', count: { low: 40, best: 40, high: 40 } }, source: { sourceId, excerpt: COUNT_EXCERPT } }] },
    });
    expect(counted.status).toBe(201);
    return late.body.incidents[0].incidentId;
  }

  it('reads every page in the snapshot its first page was read in: now, and as of a later time', async () => {
    // The server's own export reader, pulled by the test: its later pages are read only after the writes, whatever the sockets buffer.
    const exported = server.app.get(ExportedIncidents);
    const now = exported.read(exportFiltersOf({ operation: 'Snapshot' }));
    const asOfLater = exported.read(exportFiltersOf({ operation: 'Snapshot', asOf: '2100-01-01' }));
    const firsts = [(await now.next()).value, (await asOfLater.next()).value];

    const lateId = await writeDuringTheExport();

    for (const [first, rest] of [[firsts[0], now], [firsts[1], asOfLater]] as const) {
      const views = [first.view];
      for await (const { view } of rest) views.push(view);
      expect(views.map((view) => view.incidentId)).toEqual(ids);
      expect(views.filter((view) => view.casualties.length !== 1).map((view) => view.incidentId)).toEqual([]);
    }
    const after: string[] = [];
    for await (const { view } of exported.read(exportFiltersOf({ operation: 'Snapshot' }))) after.push(view.incidentId);
    expect(after).toEqual([...ids, lateId]);
  });

  it('over HTTP, an export has all of the writes made while it streams or none of them', async () => {
    const paths = ['/exports/acled.csv?operation=Snapshot', '/exports/ucdp.csv?operation=Snapshot&asOf=2100-01-01'];
    const whole = () => Promise.all(paths.map(async (path) => (await startExport(base, path)).rest()));
    const before = await whole();
    const during = await Promise.all(paths.map((path) => startExport(base, path)));
    await writeDuringTheExport();
    const streamed = await Promise.all(during.map((held) => held.rest()));
    const after = await whole();

    expect(after).not.toEqual(before);
    // The sockets may have taken a whole export before the writes: then it is the log before them, never a mix.
    streamed.forEach((text, index) => expect([before[index], after[index]]).toContain(text));
  });
});
