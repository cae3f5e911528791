import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, seedFiles } from '../../src/cli/cli-commands';
import { RunningApp, http, startApp } from '../support/app';
import { BARKHANE_INCIDENT_ID, BARKHANE_TEXT, SEED_DIR, barkhaneImport } from '../support/barkhane';
import { UUID_V7, expectError, logLength } from '../support/e2e';

const SEED_EVENT_COUNT = 9; // the opening and eight facts

describe('importing the Barkhane communiqué (POST /imports)', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
  });
  afterAll(() => server.close());

  describe('a document with a bad part stores nothing, not even its source', () => {
    async function expectNothingStored(document: unknown, message: RegExp) {
      const head = await logLength(base);
      expectError(await http(base, 'POST', '/imports', { body: document }), 422, 'Unprocessable Entity', message);
      expect(await logLength(base)).toBe(head);
      expect((await http(base, 'GET', '/sources')).body.items).toEqual([]);
      expect((await http(base, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}`)).status).toBe(404);
    }

    it('one event whose excerpt is not in the text: 422 naming it', async () => {
      const document = barkhaneImport();
      document.incidents[0].events[3].source.excerpt = 'neutraliser huit terroristes';
      await expectNothingStored(document, /^incidents\.0\.events\.3\.source\.excerpt /);
    });

    it('an opening whose excerpt is not in the text: 422 naming the field of the document', async () => {
      const document = barkhaneImport();
      document.incidents[0].open.source.excerpt = 'Dans la nuit du 12 au 13 novembre 2018';
      await expectNothingStored(document, /^incidents\.0\.open\.source\.excerpt /);
    });

    it('a confirmation of an identification the document does not hold: 422 naming it', async () => {
      const document = barkhaneImport();
      document.incidents[0].events.push({
        type: 'IdentificationConfirmed', data: { identificationId: '01670a5e-2099-7000-8000-000000000000' }, source: { excerpt: 'Almansour Ag Alkassam' },
      });
      await expectNothingStored(document, /^incidents\.0\.events\.8\.data\.identificationId /);
    });
  });

  it('a malformed document is 400 naming the field, and stores nothing', async () => {
    const document = barkhaneImport();
    delete document.incidents[0].open.location;
    document.incidents[0].events[2].data.count.low = 9;
    const answer = await http(base, 'POST', '/imports', { body: document });
    expectError(answer, 400, 'Bad Request', 'incidents.0.open.location is required', 'incidents.0.events.2.data.count.low must be ≤ best');
    expect(await logLength(base)).toBe(0);
  });

  it('stores the source and the incident: 201', async () => {
    const answer = await http(base, 'POST', '/imports', { body: barkhaneImport() });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      sourceId: expect.stringMatching(UUID_V7),
      sourceCreated: true,
      incidents: [{ incidentId: BARKHANE_INCIDENT_ID, version: SEED_EVENT_COUNT, appendedCount: SEED_EVENT_COUNT }],
    });
    sourceId = answer.body.sourceId;
    expect(await logLength(base)).toBe(1 + SEED_EVENT_COUNT);
    const source = await http(base, 'GET', `/sources/${sourceId}`);
    expect(source.body).toMatchObject({ text: BARKHANE_TEXT, language: 'fr', publisher: 'Ministère des Armées — État-major des armées' });
  });

  describe('GET /incidents/01670a5e-2000-7380-bf4e-20f4d0f8eab8 shows every fact of the communiqué', () => {
    let incident: any;
    beforeAll(async () => {
      const answer = await http(base, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBe(`"${SEED_EVENT_COUNT}"`);
      incident = answer.body;
    });

    it('the incident: Opération Barkhane, the Gourma in Mali, the night of 11 to 12 November 2018', () => {
      expect(incident).toMatchObject({
        incidentId: BARKHANE_INCIDENT_ID,
        version: SEED_EVENT_COUNT,
        operation: 'Barkhane',
        location: { country: 'ML', area: 'Gourma', precision: 'area' },
        occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
        sources: [sourceId],
        corrections: 0,
      });
    });

    it('a heliborne raid supported by an MQ-9 Reaper drone', () => {
      expect(incident.raids).toEqual([expect.objectContaining({ modes: ['heliborne'], support: ['MQ-9 Reaper drone'], confidence: 'confirmed', corrections: [] })]);
      expect(incident.raids[0].force).toMatch(/French forces/);
    });

    it('fire exchanged after French warning shots, the group replying with light and collective weapons', () => {
      expect(incident.fireExchanges).toEqual([
        expect.objectContaining({ initiatedBy: 'French forces', warningShots: true, hostileWeapons: ['light weapons', 'collective weapons'] }),
      ]);
    });

    it('seven hostile combatants neutralised, with the communiqué\'s own wording', () => {
      expect(incident.casualties).toEqual([
        expect.objectContaining({ side: 'hostile', status: 'neutralised', count: { low: 7, best: 7, high: 7 }, wording: 'neutraliser sept terroristes', confidence: 'confirmed' }),
      ]);
      expect(BARKHANE_TEXT).toContain(incident.casualties[0].wording);
    });

    it('heavy and light weapons, IED components and means of communication seized, with no quantities', () => {
      expect(incident.materiel.seized.map((item: { category: string }) => item.category)).toEqual(['heavy-weapons', 'light-weapons', 'ied-components', 'communications']);
      // The communiqué gives no figure: reads show null, never an invented number.
      for (const item of incident.materiel.seized) expect(item.quantity).toBeNull();
      expect(incident.materiel.destroyed).toEqual([]);
    });

    it('Almansour Ag Alkassam among the dead, pending and only probable', () => {
      expect(incident.identifications).toEqual([
        expect.objectContaining({
          identificationId: '01670a5e-2005-76d2-9088-617c013b86fc', person: 'Almansour Ag Alkassam', group: 'katiba du Gourma', status: 'pending', confidence: 'probable',
        }),
      ]);
    });

    it('the katiba du Gourma: a hostile armed group of the RVIM, founded in 2014', () => {
      expect(incident.actors).toEqual(expect.arrayContaining([
        expect.objectContaining({ name: 'katiba du Gourma', kind: 'armed-group', side: 'hostile', parent: 'RVIM', founded: 2014 }),
        expect.objectContaining({ name: 'RVIM', kind: 'armed-group', side: 'hostile' }),
        expect.objectContaining({ kind: 'state-force', side: 'friendly' }),
      ]));
      expect(incident.actors.find((a: { name: string }) => a.name === 'RVIM').notes).toMatch(/JNIM/);
    });

    it('every fact cites the imported source', () => {
      const cited = [...incident.raids, ...incident.fireExchanges, ...incident.casualties, ...incident.materiel.seized, ...incident.actors, ...incident.identifications];
      for (const fact of cited) expect(fact.source.sourceId).toBe(sourceId);
    });
  });

  it('the seed incident is found by the list\'s filters and the identification queue', async () => {
    const ids = async (query: string) => (await http(base, 'GET', `/incidents?${query}`)).body.items.map((i: { incidentId: string }) => i.incidentId);
    expect(await ids('country=ML&operation=Barkhane&actor=katiba%20du%20Gourma&from=2018-11-01T00:00:00Z&to=2018-11-30T00:00:00Z')).toEqual([BARKHANE_INCIDENT_ID]);
    const pending = await http(base, 'GET', '/identifications?status=pending');
    expect(pending.status).toBe(200);
    expect(JSON.stringify(pending.body)).toContain('Almansour Ag Alkassam');
  });

  it('importing the same document again answers 200 and changes nothing', async () => {
    const before = await http(base, 'GET', '/events?after=0&limit=1000');
    const answer = await http(base, 'POST', '/imports', { body: barkhaneImport() });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ sourceId, sourceCreated: false, incidents: [{ incidentId: BARKHANE_INCIDENT_ID, version: SEED_EVENT_COUNT, appendedCount: 0 }] });
    expect((await http(base, 'GET', '/events?after=0&limit=1000')).body).toEqual(before.body);
  });

  it('an import that changes a stored event of the seed answers 409 and changes nothing', async () => {
    const head = await logLength(base);
    const document = barkhaneImport();
    document.incidents[0].events[2].data.count = { low: 6, best: 7, high: 8 };
    expectError(await http(base, 'POST', '/imports', { body: document }), 409, 'Conflict', /01670a5e-2003-7863-a503-f875e51c563c/);
    expect(await logLength(base)).toBe(head);
  });

  it('an import that adds a fact to the seed stores only that fact: 201', async () => {
    const document = barkhaneImport();
    document.incidents[0].events.push({
      type: 'IdentificationConfirmed', data: { identificationId: '01670a5e-2005-76d2-9088-617c013b86fc' }, source: { excerpt: 'le chef de la katiba du Gourma' },
    });
    const answer = await http(base, 'POST', '/imports', { body: document });
    expect(answer.status).toBe(201);
    expect(answer.body.incidents).toEqual([{ incidentId: BARKHANE_INCIDENT_ID, version: SEED_EVENT_COUNT + 1, appendedCount: 1 }]);
    expect((await http(base, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}`)).body.identifications[0].status).toBe('confirmed');
  });
});

describe('the seed command (npm run cli -- seed), through its functions', () => {
  let server: RunningApp;
  let folder: string;

  beforeAll(async () => {
    server = await startApp();
    folder = mkdtempSync(join(tmpdir(), 'incident-log-seed-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const runSeed = async (): Promise<string[]> => {
    const lines: string[] = [];
    for (const file of await seedFiles(join(SEED_DIR, '..'))) await importFile(server.app, file, (line) => lines.push(line));
    return lines;
  };

  it('finds the Barkhane seed document', async () => {
    expect(await seedFiles(join(SEED_DIR, '..'))).toContain(join(SEED_DIR, 'import.json'));
  });

  it('imports it, reading the text from the file beside it, and the incident is readable over HTTP', async () => {
    const lines = await runSeed();
    expect(lines.join('\n')).toMatch(/\(new\), 1 incident\(s\), 9 event\(s\) added/);
    const incident = await http(server.baseUrl, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}`);
    expect(incident.status).toBe(200);
    expect(incident.body.version).toBe(SEED_EVENT_COUNT);
    const source = await http(server.baseUrl, 'GET', `/sources/${incident.body.sources[0]}`);
    expect(source.body.text).toBe(BARKHANE_TEXT);
  });

  it('is idempotent: run again it adds nothing, and POST /imports of the same document answers 200', async () => {
    const head = await logLength(server.baseUrl);
    const lines = await runSeed();
    expect(lines.join('\n')).toMatch(/\(already stored\), 1 incident\(s\), 0 event\(s\) added/);
    expect(await logLength(server.baseUrl)).toBe(head);
    expect((await http(server.baseUrl, 'POST', '/imports', { body: barkhaneImport() })).status).toBe(200);
  });

  it('refuses a document that is not a valid import, naming the field, and stores nothing', async () => {
    const head = await logLength(server.baseUrl);
    const file = join(folder, 'bad.json');
    const document = barkhaneImport();
    document.incidents[0].open.location.country = 'Mali';
    writeFileSync(file, JSON.stringify(document));
    await expect(importFile(server.app, file, () => undefined)).rejects.toThrow(/incidents\.0\.open\.location\.country/);
    expect(await logLength(server.baseUrl)).toBe(head);
  });
});
