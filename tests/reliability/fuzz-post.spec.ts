import fc from 'fast-check';
import { RunningApp, http } from '../support/app';
import { barkhaneImport, barkhaneSource, casualties, opening } from '../support/barkhane';
import { startAppWithIncident } from '../support/e2e';
import { BodyShape, HOSTILE_STRINGS, WireBody, badBodies, hostileString } from '../support/hostile-bodies';

const RUNS = 1000;

/** Every name Object.prototype has, to tell a polluted prototype. */
const prototypeNames = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();

describe('fuzzing the POST routes with bad bodies: a 4xx with the house error body, nothing written, no polluted prototype', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;
  let incidentId: string;
  const cleanPrototype = prototypeNames();

  const headPosition = async (): Promise<number> => {
    const answer = await http(base, 'GET', '/health');
    expect(answer.status).toBe(200);
    return answer.body.headPosition;
  };

  beforeAll(async () => {
    ({ server, base, sourceId, incidentId } = await startAppWithIncident());
  });
  afterAll(() => server.close());

  async function send(path: string, body: WireBody): Promise<{ status: number; body: any; text: string }> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: body.contentType === undefined ? {} : { 'content-type': body.contentType },
      body: body.bytes,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  }

  /** What every refusal must be, whatever the route and the body. */
  async function expectRefused(path: string, body: WireBody): Promise<void> {
    const before = await headPosition();
    const answer = await send(path, body);
    if (answer.status < 400 || answer.status > 499) {
      throw new Error(`answered ${answer.status}, not a 4xx: ${answer.text.slice(0, 500)}\nto: ${body.contentType ?? 'no content type'} ${body.describe}`);
    }
    expect(answer.body).toEqual({ statusCode: answer.status, error: expect.any(String), message: expect.any(Array) });
    expect(answer.body.error).not.toBe('');
    expect(answer.body.message.length).toBeGreaterThan(0);
    for (const line of answer.body.message) expect(line).toEqual(expect.stringMatching(/\S/));
    expect(await headPosition()).toBe(before);
    expect(prototypeNames()).toEqual(cleanPrototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }

  const fuzz = (path: () => string, shape: () => BodyShape) => async () => {
    await fc.assert(fc.asyncProperty(badBodies(shape()), (body) => expectRefused(path(), body)), { numRuns: RUNS });
  };

  const source = (): BodyShape => ({
    valid: () => ({ ...barkhaneSource(), text: `${barkhaneSource().text}\nfuzz` }),
    required: [['publisher'], ['title'], ['language'], ['text']],
    strings: [['publisher'], ['title'], ['publishedAt'], ['language'], ['text'], ['url']],
    freeText: [['publisher'], ['title']],
    closedObjects: [[]],
    numbers: [],
  });

  const incident = (): BodyShape => ({
    valid: () => opening(sourceId),
    required: [['title'], ['occurred'], ['occurred', 'start'], ['location'], ['location', 'country'], ['location', 'precision'], ['source'], ['source', 'sourceId'], ['source', 'excerpt']],
    strings: [['title'], ['occurred', 'start'], ['occurred', 'end'], ['occurred', 'precision'], ['location', 'country'], ['location', 'precision'], ['source', 'sourceId'], ['source', 'excerpt'], ['incidentId']],
    freeText: [['title'], ['operation'], ['location', 'area']],
    closedObjects: [[], ['occurred'], ['location'], ['source']],
    numbers: [['location', 'latitude'], ['location', 'longitude']],
  });

  const events = (): BodyShape => ({
    valid: () => ({ events: [casualties(sourceId)] }),
    required: [['events'], ['events', 0, 'type'], ['events', 0, 'data'], ['events', 0, 'source'], ['events', 0, 'data', 'side'], ['events', 0, 'data', 'count'], ['events', 0, 'source', 'excerpt']],
    strings: [['events', 0, 'type'], ['events', 0, 'data', 'side'], ['events', 0, 'data', 'status'], ['events', 0, 'source', 'sourceId'], ['events', 0, 'source', 'excerpt'], ['events', 0, 'eventId'], ['events', 0, 'confidence']],
    freeText: [['events', 0, 'data', 'wording']],
    closedObjects: [[], ['events', 0], ['events', 0, 'data'], ['events', 0, 'data', 'count'], ['events', 0, 'source']],
    numbers: [['events', 0, 'data', 'count', 'best'], ['events', 0, 'data', 'count', 'low'], ['events', 0, 'data', 'count', 'high']],
  });

  const importDocument = (): BodyShape => ({
    valid: () => barkhaneImport(),
    required: [['source'], ['source', 'text'], ['source', 'title'], ['incidents', 0, 'open'], ['incidents', 0, 'open', 'title'], ['incidents', 0, 'events', 0, 'type']],
    strings: [['source', 'text'], ['source', 'publisher'], ['incidents', 0, 'incidentId'], ['incidents', 0, 'open', 'title'], ['incidents', 0, 'events', 0, 'type'], ['incidents', 0, 'events', 0, 'eventId']],
    freeText: [['source', 'title'], ['incidents', 0, 'open', 'title'], ['incidents', 0, 'open', 'operation']],
    closedObjects: [[], ['source'], ['incidents', 0], ['incidents', 0, 'open'], ['incidents', 0, 'events', 0], ['incidents', 0, 'events', 0, 'data']],
    numbers: [],
  });

  it('refuses a body whose bytes are not UTF-8 (400), where it used to store U+FFFD in their place', async () => {
    const source = { ...barkhaneSource(), text: `${barkhaneSource().text}\nutf-8` };
    const [before, after] = JSON.stringify(source).split('BARKHANE : la force');
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(`BARKHANE : la force${after}`)]);
    const answer = await send('/sources', { bytes, contentType: 'application/json', describe: 'a source with 0xFF 0xFE in its title' });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: [expect.stringContaining('not UTF-8')] },
    });
    // The same text with the replacement character itself is text like any other.
    expect((await http(base, 'POST', '/sources', { body: { ...source, title: `\ufffd${source.title}` } })).status).toBe(201);
  });

  it(`POST /sources: ${RUNS} bad bodies`, fuzz(() => '/sources', source), 120_000);
  it(`POST /incidents: ${RUNS} bad bodies`, fuzz(() => '/incidents', incident), 120_000);
  it(`POST /incidents/{id}/events: ${RUNS} bad bodies`, fuzz(() => `/incidents/${incidentId}/events`, events), 120_000);
  it(`POST /imports: ${RUNS} bad bodies`, fuzz(() => '/imports', importDocument), 180_000);

  it(`POST /projections/{name}/rebuild: ${RUNS} unknown names with any body, all refused`, async () => {
    const name = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS, 'incident-details/../incident-details', 'a'.repeat(5000), '%00', '__proto__', 'constructor'), hostileString);
    await fc.assert(
      fc.asyncProperty(name, badBodies(events()), (projection, body) => expectRefused(`/projections/${encodeURIComponent(projection)}/rebuild`, body)),
      { numRuns: RUNS },
    );
  }, 120_000);
});
