import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '../../src/infrastructure/storage';
import { RunningApp, http, startApp } from '../support/app';
import { BARKHANE_INCIDENT_ID, barkhaneImport } from '../support/barkhane';
import { HttpWriter, casualtiesEvent, correctionEvent, retractionEvent } from '../support/reliability-http';
import { eventually, incidentIdOf, openRig, tempDatabase } from '../support/reliability';

/** The reads every read model answers; each must answer the same before, during and after a rebuild. */
const READS = (incidentId: string) => [
  `/incidents/${BARKHANE_INCIDENT_ID}`,
  `/incidents/${incidentId}`,
  '/incidents',
  '/incidents?country=ML',
  '/incidents?actor=katiba%20du%20Gourma',
  '/stats/casualties',
  '/stats/casualties?groupBy=side',
  '/stats/materiel',
  '/identifications',
  '/actors',
  '/sources',
];

describe('rebuilding a projection through HTTP (POST /projections/{name}/rebuild)', () => {
  let server: RunningApp;
  let reads: string[];
  const baseline = new Map<string, { status: number; body: unknown }>();

  beforeAll(async () => {
    server = await startApp();
    const imported = await http(server.baseUrl, 'POST', '/imports', { body: barkhaneImport() });
    expect([200, 201]).toContain(imported.status);
    const writer = new HttpWriter(server.baseUrl);
    const sourceId = imported.body.source?.sourceId ?? (await writer.registerBarkhane());
    let incidentId = '';
    for (let i = 0; i < 30; i++) {
      ({ incidentId } = await writer.open(sourceId, { title: `Incident ${i}` }));
      const [first, second] = await writer.record(incidentId, sourceId, casualtiesEvent({ best: i }), casualtiesEvent({ best: 2 }, 'friendly', 'wounded'));
      await writer.record(incidentId, sourceId, correctionEvent(first.eventId, { count: { best: i + 1 } }), retractionEvent(second.eventId));
    }
    reads = READS(incidentId);
    for (const path of reads) {
      const answer = await http(server.baseUrl, 'GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      baseline.set(path, { status: answer.status, body: answer.body });
    }
  });

  afterAll(() => server.close());

  const allLive = async (): Promise<boolean> => {
    const answer = await http(server.baseUrl, 'GET', '/projections');
    return answer.body.every((p: { status: string; lag: number }) => p.status === 'live' && p.lag === 0);
  };

  /** Reads everything, several requests at a time, until the projections are all live again. */
  async function readUntilLive(): Promise<string[]> {
    const wrong: string[] = [];
    let live = false;
    for (let round = 0; round < 200 && !live; round++) {
      const answers = await Promise.all(reads.map(async (path) => ({ path, answer: await http(server.baseUrl, 'GET', path) })));
      for (const { path, answer } of answers) {
        const expected = baseline.get(path)!;
        if (answer.status !== expected.status || JSON.stringify(answer.body) !== JSON.stringify(expected.body)) wrong.push(`${path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
      live = await allLive();
    }
    expect(live).toBe(true);
    return wrong;
  }

  it('answers 202 {name, status: rebuilding}, reads answer the same meanwhile and after, and GET /projections shows all live with lag 0', async () => {
    const started = http(server.baseUrl, 'POST', '/projections/incident-details/rebuild');
    const wrong = await readUntilLive();
    const answer = await started;
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ name: 'incident-details', status: 'rebuilding' });
    expect(wrong).toEqual([]);
    expect(await eventually(allLive, 10_000)).toBe(true);
  });

  it('answers 404 for a projection that does not exist', async () => {
    const answer = await http(server.baseUrl, 'POST', '/projections/no-such-projection/rebuild');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ statusCode: 404, error: 'Not Found', message: ['there is no projection named no-such-projection'] });
  });

  it('every projection rebuilt at once: reads answer the same, and all end live with lag 0', async () => {
    const names = ((await http(server.baseUrl, 'GET', '/projections')).body as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(['sources', 'incident-details', 'incident-links', 'identifications', 'actor-directory', 'casualty-tally', 'materiel-tally']);
    const started = Promise.all(names.map((name) => http(server.baseUrl, 'POST', `/projections/${name}/rebuild`)));
    const wrong = await readUntilLive();
    expect((await started).map((a) => a.status)).toEqual(names.map(() => 202));
    expect(wrong).toEqual([]);
    expect(await eventually(allLive, 10_000)).toBe(true);
    const head = (await http(server.baseUrl, 'GET', '/health')).body.headPosition;
    for (const projection of (await http(server.baseUrl, 'GET', '/projections')).body) {
      expect(projection).toMatchObject({ status: 'live', lag: 0, checkpoint: head, headPosition: head });
    }
  });

  it('a rebuild asked for twice at once is either refused (409) or done once: reads still answer the same', async () => {
    const answers = await Promise.all([1, 2].map(() => http(server.baseUrl, 'POST', '/projections/incident-details/rebuild')));
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([202]));
    for (const answer of answers) expect([202, 409]).toContain(answer.status);
    const wrong = await readUntilLive();
    expect(wrong).toEqual([]);
  });
});

describe('rebuilding a projection of a larger log through HTTP', () => {
  const INCIDENTS = 2_000;
  let folder: ReturnType<typeof tempDatabase>;
  let server: RunningApp;

  beforeAll(async () => {
    folder = tempDatabase();
    // About 12,000 events written straight to the store the server will open.
    const rig = await openRig(join(folder.dir, SQLITE_FILE_NAME), { initialise: false });
    const facts = rig.log.facts;
    for (let i = 0; i < INCIDENTS; i++) {
      await rig.log.open(incidentIdOf(i), {}, [
        facts.casualties({ best: 7 }), facts.pending('Almansour Ag Alkassam'), facts.actor('katiba du Gourma'),
        facts.seized([{ category: 'light-weapons', description: 'armes légères' }]), facts.casualties({ best: 2 }, { side: 'friendly', status: 'wounded' }),
      ]);
    }
    await rig.close();
    server = await startApp({ DATA_DIR: folder.dir });
  });

  afterAll(async () => {
    await server.close();
    folder.remove();
  });

  it('goes on answering reads while the rebuild is under way: GET /projections shows it rebuilding with its progress', async () => {
    const before = await http(server.baseUrl, 'GET', `/incidents/${incidentIdOf(0)}`);
    let answered = false;
    const started = http(server.baseUrl, 'POST', '/projections/incident-details/rebuild').finally(() => (answered = true));
    const seen: string[] = [];
    let rebuilding: unknown;
    for (let i = 0; i < 200 && rebuilding === undefined; i++) {
      const askedAfterAnswer = answered;
      const details = ((await http(server.baseUrl, 'GET', '/projections')).body as { name: string; status: string }[]).find((p) => p.name === 'incident-details')!;
      seen.push(details.status);
      if (details.status === 'rebuilding') rebuilding = details;
      // Asked after the 202 and live already: the rebuild was over before any read could see it.
      else if (askedAfterAnswer) break;
    }
    expect((await started).status).toBe(202);
    expect({ seen, rebuilding }).toEqual({ seen: expect.arrayContaining(['rebuilding']), rebuilding: expect.objectContaining({ progress: expect.objectContaining({ headPosition: expect.any(Number) }) }) });
    expect(await eventually(async () => (await http(server.baseUrl, 'GET', '/projections')).body.every((p: { status: string }) => p.status === 'live'), 10_000)).toBe(true);
    expect(await http(server.baseUrl, 'GET', `/incidents/${incidentIdOf(0)}`)).toMatchObject({ status: 200, body: before.body });
  });
});
