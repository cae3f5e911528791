import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningApp, http, startApp } from '../support/app';
import { BARKHANE_INCIDENT_ID, barkhaneImport } from '../support/barkhane';
import { expectError, facts, newId, openIncident, readIncident, recorded, registerSahelSource, registerSource, sahel } from '../support/e2e';
import { checkAnswer } from '../support/openapi-answers';
import { momentBetweenWrites } from '../support/reliability-http';

/** GET /exports/… (API.md "Exports (1.1)"): ACLED and UCDP CSVs and GeoJSON, with the list's filters and asOf. */

const GOLDEN = join(__dirname, '../fixtures/exports');
const BUILT_CLI = join(__dirname, '../../dist/cli.js');

const ACLED_HEADER = 'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
const UCDP_HEADER = 'id,date_start,date_end,date_prec,where_prec,where_description,adm_1,latitude,longitude,country,side_a,side_b,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high,source_article,source_headline,source_date,event_clarity';

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

/** One export over real HTTP, as bytes; the answer is checked against the OpenAPI document like every other. */
async function download(base: string, path: string): Promise<Download> {
  const response = await fetch(`${base}${path}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  const contentType = response.headers.get('content-type');
  checkAnswer('GET', path, response.status, contentType, /json/.test(contentType ?? '') ? JSON.parse(text) : text);
  return { status: response.status, headers: response.headers, bytes, text };
}

const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true, skip_empty_lines: true });
const headerOf = (csv: string): string => csv.slice(0, csv.indexOf('\n'));

describe('exports', () => {
  let server: RunningApp;
  let base: string;

  const ok = async (path: string): Promise<Download> => {
    const answer = await download(base, path);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.text}`);
    return answer;
  };
  const acled = async (query = '') => rowsOf((await ok(`/exports/acled.csv${query}`)).text);
  const ucdp = async (query = '') => rowsOf((await ok(`/exports/ucdp.csv${query}`)).text);
  const geojson = async (query = '') => JSON.parse((await ok(`/exports/incidents.geojson${query}`)).text);

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    const imported = await http(base, 'POST', '/imports', { body: barkhaneImport() });
    expect(imported.status).toBe(201);
  });
  afterAll(() => server.close());

  describe('the seed (golden files)', () => {
    /** Record times change with every import: the ACLED timestamp (the last record time, Unix seconds) is the only such value. */
    const withoutRecordTimes = (csv: string) => csv.replace(/,\d{10}\n/g, ',{timestamp}\n');

    it.each([
      ['acled.csv', 'text/csv; charset=utf-8', 'barkhane.acled.csv', withoutRecordTimes],
      ['ucdp.csv', 'text/csv; charset=utf-8', 'barkhane.ucdp.csv', (csv: string) => csv],
      ['incidents.geojson', 'application/geo+json', 'barkhane.geojson', (text: string) => text],
    ])('GET /exports/%s answers %s, as a download, with the golden file', async (file, mediaType, golden, normalise) => {
      const answer = await ok(`/exports/${file}?operation=Barkhane&to=2019-01-01`);
      expect(answer.headers.get('content-type')).toBe(mediaType);
      expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
      const goldenFile = join(GOLDEN, golden);
      // UPDATE_GOLDEN=1 rewrites the file after a deliberate change of the mapping (review its diff); runs without it compare.
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenFile, normalise(answer.text));
      expect(normalise(answer.text)).toBe(readFileSync(goldenFile, 'utf8'));
    });

    it('ACLED, column by column: a heliborne raid with an exchange of fire is a battle; seven "neutralised" are seven fatalities, tagged', async () => {
      const csv = (await ok('/exports/acled.csv?operation=Barkhane&to=2019-01-01')).text;
      expect(headerOf(csv)).toBe(ACLED_HEADER);
      const rows = rowsOf(csv);
      expect(rows).toHaveLength(1);
      const incident = await readIncident(base, BARKHANE_INCIDENT_ID);
      expect(rows[0]).toEqual({
        event_id_cnty: BARKHANE_INCIDENT_ID,
        event_date: '2018-11-11',
        year: '2018',
        time_precision: '1',
        disorder_type: 'Political violence',
        event_type: 'Battles',
        sub_event_type: 'Armed clash',
        actor1: 'French forces (Opération Barkhane)',
        assoc_actor_1: '',
        // A state force is 1 at home and 8 abroad: the record does not say which.
        inter1: '',
        actor2: 'katiba du Gourma',
        assoc_actor_2: 'RVIM',
        inter2: '2',
        interaction: '',
        civilian_targeting: '',
        iso: '466',
        region: '',
        country: 'Mali',
        admin1: '',
        admin2: '',
        admin3: '',
        location: 'Gourma',
        latitude: '',
        longitude: '',
        geo_precision: '2',
        source: 'Ministère des Armées — État-major des armées',
        source_scale: '',
        notes: 'Heliborne raid against a terrorist group in the Gourma',
        fatalities: '7',
        tags: 'neutralised',
        timestamp: String(Math.floor(Date.parse(incident.lastRecordedAt) / 1000)),
      });
    });

    it('UCDP, column by column: the seven neutralised are side B deaths, with low, best and high', async () => {
      const csv = (await ok('/exports/ucdp.csv?operation=Barkhane&to=2019-01-01')).text;
      expect(headerOf(csv)).toBe(UCDP_HEADER);
      expect(rowsOf(csv)).toEqual([{
        id: BARKHANE_INCIDENT_ID,
        date_start: '2018-11-11',
        date_end: '2018-11-12',
        date_prec: '1',
        where_prec: '4',
        where_description: 'Gourma',
        adm_1: '',
        latitude: '',
        longitude: '',
        country: 'Mali',
        side_a: 'French forces (Opération Barkhane)',
        side_b: 'katiba du Gourma; RVIM',
        deaths_a: '0',
        deaths_b: '7',
        deaths_civilians: '0',
        deaths_unknown: '0',
        low: '7',
        best: '7',
        high: '7',
        source_article: 'Ministère des Armées — État-major des armées, https://www.defense.gouv.fr/operations/mali/actualites/barkhane-la-force-barkhane-met-hors-de-combat-un-groupe-terroriste-au-mali',
        source_headline: 'BARKHANE : la force Barkhane met hors de combat un groupe terroriste au Mali.',
        source_date: '2018-11-13',
        event_clarity: '1',
      }]);
    });

    it('GeoJSON: the seed is placed only by its area, so it is no feature', async () => {
      expect(await geojson('?operation=Barkhane&to=2019-01-01')).toEqual({ type: 'FeatureCollection', features: [] });
    });
  });

  describe('counts that are not exact', () => {
    let sourceId: string;
    let vague: string;
    let corrected: string;
    let casualty: string;
    let beforeCorrection: string;

    beforeAll(async () => {
      sourceId = await registerSahelSource(base);
      // "Plusieurs terroristes ont été neutralisés": { low: 2 }, no best.
      vague = await openIncident(base, sourceId, sahel.opening(sourceId, { operation: 'Vague' }));
      await recorded(base, vague, [sahel.attack(sourceId), sahel.casualties(sourceId, { low: 2 }), sahel.actor(sourceId)]);
      // Three killed, corrected to five.
      const barkhaneSource = await registerSource(base);
      corrected = await openIncident(base, barkhaneSource, { operation: 'Corrected' });
      casualty = newId();
      await recorded(base, corrected, [{ ...facts.raid(barkhaneSource), }, {
        type: 'CasualtiesReported', eventId: casualty,
        data: { side: 'hostile', status: 'killed', count: { best: 3 } },
        source: { sourceId: barkhaneSource, excerpt: 'neutraliser sept terroristes' },
      }]);
      beforeCorrection = await momentBetweenWrites();
      await recorded(base, corrected, [facts.corrected(barkhaneSource, casualty, { count: { low: 5, best: 5, high: 5 } })]);
    });

    it('{ low: 2 } only: ACLED fatalities 2 (best else low), tagged fatalities_uncertain and neutralised; UCDP best empty, not 0', async () => {
      const [row] = await acled('?operation=Vague');
      expect(row).toMatchObject({
        event_id_cnty: vague, event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED',
        actor1: 'État islamique au Grand Sahara', assoc_actor_1: '', fatalities: '2', tags: 'fatalities_uncertain; neutralised',
        location: '80 km E of Tessalit', geo_precision: '2', time_precision: '1',
      });
      const [ucdpRow] = await ucdp('?operation=Vague');
      expect(ucdpRow).toMatchObject({ id: vague, low: '2', best: '', high: '', deaths_b: '', deaths_a: '0', side_b: 'État islamique au Grand Sahara' });
    });

    it('a correction: the export shows the corrected figure, and as of before it the figure first recorded', async () => {
      expect(await acled('?operation=Corrected')).toEqual([expect.objectContaining({ event_id_cnty: corrected, fatalities: '5', tags: '' })]);
      expect(await ucdp('?operation=Corrected')).toEqual([expect.objectContaining({ id: corrected, low: '5', best: '5', high: '5', deaths_b: '5' })]);
      const asOf = `?operation=Corrected&asOf=${encodeURIComponent(beforeCorrection)}`;
      expect(await acled(asOf)).toEqual([expect.objectContaining({ event_id_cnty: corrected, fatalities: '3' })]);
      expect(await ucdp(asOf)).toEqual([expect.objectContaining({ id: corrected, low: '3', best: '3', high: '3' })]);
    });
  });

  describe('ACLED event types from our facts', () => {
    it.each([
      ['an abduction', 'Violence against civilians', 'Abduction/forced disappearance', 'Civilian targeting', (source: string) => [sahel.abducted(source)]],
      ['a detention', 'Strategic developments', 'Arrests', '', (source: string) => [sahel.detained(source)]],
      ['a weapons cache found', 'Strategic developments', 'Disrupted weapons use', '', (source: string) => [sahel.site(source)]],
      ['air sorties alone', 'Strategic developments', 'Other', '', (source: string) => [sahel.activity(source)]],
    ])('%s is %s / %s', async (label, eventType, subEventType, civilianTargeting, factsOf) => {
      const source = await registerSahelSource(base);
      const operation = `Types ${label}`;
      const incidentId = await openIncident(base, source, sahel.opening(source, { operation }));
      await recorded(base, incidentId, factsOf(source));
      expect(await acled(`?operation=${encodeURIComponent(operation)}`)).toEqual([expect.objectContaining({
        event_id_cnty: incidentId, event_type: eventType, sub_event_type: subEventType, civilian_targeting: civilianTargeting,
        disorder_type: eventType === 'Strategic developments' ? 'Strategic developments' : 'Political violence',
      })]);
    });
  });

  describe('filters and asOf, as GET /incidents has them', () => {
    let sourceId: string;
    const ids: Record<string, string> = {};
    let beforeWithdrawal: string;
    let beforeNiger: string;

    const idsOf = async (query: string) => (await acled(`?operation=Filters&${query}`)).map((row) => row.event_id_cnty).sort();
    const expected = (...names: string[]) => names.map((name) => ids[name]).sort();

    beforeAll(async () => {
      sourceId = await registerSource(base);
      const place = (country: string, latitude: number | null, longitude: number | null) => ({
        country, area: null, admin1: null, name: 'Somewhere', latitude, longitude, precision: latitude === null ? 'locality' : 'point',
      });
      ids.mali = await openIncident(base, sourceId, {
        operation: 'Filters', location: place('ML', 16.27, -0.04), occurred: { start: '2019-03-01T10:00:00Z', end: '2019-03-01T11:00:00Z', precision: 'hour' },
      });
      await recorded(base, ids.mali, [facts.actor(sourceId, { name: 'Katiba Serma', aliases: ['Serma'] }), facts.strike(sourceId)]);
      const otherSource = await registerSahelSource(base);
      ids.withdrawn = await openIncident(base, sourceId, { operation: 'Filters', location: place('ML', null, null) });
      beforeWithdrawal = await momentBetweenWrites();
      await recorded(base, ids.withdrawn, [sahel.withdrawn(otherSource)]);
      beforeNiger = await momentBetweenWrites();
      ids.niger = await openIncident(base, otherSource, sahel.opening(otherSource, {
        operation: 'filters', location: place('NE', 13.5, 2.1), occurred: { start: '2020-01-05T00:00:00Z', end: '2020-01-05T23:59:59Z', precision: 'day' },
      }));
    });

    it('filters by country, time, operation (any case), actor (name or alias), source; withdrawn only when asked', async () => {
      expect(await idsOf('')).toEqual(expected('mali', 'niger'));
      expect(await idsOf('country=ne')).toEqual(expected('niger'));
      expect(await idsOf('from=2020-01-01')).toEqual(expected('niger'));
      expect(await idsOf('to=2019-12-31')).toEqual(expected('mali'));
      expect(await idsOf('actor=serma')).toEqual(expected('mali'));
      expect(await idsOf(`sourceId=${sourceId}`)).toEqual(expected('mali'));
      expect(await idsOf('includeWithdrawn=true')).toEqual(expected('mali', 'niger', 'withdrawn'));
      expect((await ucdp('?operation=Filters&includeWithdrawn=true')).map((row) => row.id).sort()).toEqual(expected('mali', 'niger', 'withdrawn'));
    });

    it('asOf: only the incidents the log knew then, as they were then (not yet withdrawn)', async () => {
      expect(await idsOf(`asOf=${encodeURIComponent(beforeNiger)}`)).toEqual(expected('mali'));
      expect(await idsOf(`asOf=${encodeURIComponent(beforeWithdrawal)}`)).toEqual(expected('mali', 'withdrawn'));
      expect(await idsOf(`asOf=${encodeURIComponent(beforeWithdrawal)}&actor=Serma&country=ML`)).toEqual(expected('mali'));
    });

    it('GeoJSON: a FeatureCollection with a Point [longitude, latitude] for each incident with coordinates, and no other', async () => {
      const collection = await geojson('?operation=Filters&includeWithdrawn=true');
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features).toHaveLength(2);
      const mali = collection.features.find((f: any) => f.properties.incidentId === ids.mali);
      expect(mali).toEqual({
        type: 'Feature',
        id: ids.mali,
        geometry: { type: 'Point', coordinates: [-0.04, 16.27] },
        properties: {
          incidentId: ids.mali, title: 'Raid against a terrorist group in the Gourma',
          occurred: { start: '2019-03-01T10:00:00Z', end: '2019-03-01T11:00:00Z', precision: 'hour' },
          operation: 'Filters', country: 'ML', precision: 'point', low: 0, best: 0, high: 0,
        },
      });
      expect(collection.features.map((f: any) => f.properties.incidentId)).not.toContain(ids.withdrawn);
      for (const feature of collection.features) {
        expect(feature.geometry.type).toBe('Point');
        const [longitude, latitude] = feature.geometry.coordinates;
        expect(Math.abs(longitude)).toBeLessThanOrEqual(180);
        expect(Math.abs(latitude)).toBeLessThanOrEqual(90);
      }
    });

    it('a strike from the air is an ACLED air/drone strike; a point is geo_precision 1 with its coordinates', async () => {
      const [row] = await acled('?operation=Filters&country=ML');
      expect(row).toMatchObject({
        event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', latitude: '16.27', longitude: '-0.04', geo_precision: '1',
        location: 'Somewhere', fatalities: '0', tags: '', time_precision: '1',
      });
    });

    it.each([
      ['country=XX', 'country must be a valid ISO31661 Alpha2 code'],
      ['from=yesterday', 'from must be an ISO 8601 date or date-time, e.g. 2018-11-13 or 2018-11-13T00:00:00Z'],
      ['asOf=2018-02-30', 'asOf must be an ISO 8601 date or date-time, e.g. 2018-11-13 or 2018-11-13T00:00:00Z'],
      ['sourceId=nope', 'sourceId must be a UUID'],
      ['includeWithdrawn=yes', 'includeWithdrawn must be true or false'],
      ['limit=10', 'limit is not a known field'],
    ])('?%s is a 400 naming it, on each export', async (query, message) => {
      for (const file of ['acled.csv', 'ucdp.csv', 'incidents.geojson']) {
        expectError(await http(base, 'GET', `/exports/${file}?${query}`), 400, 'Bad Request', message);
      }
    });
  });

  const cliIt = existsSync(BUILT_CLI) ? it : it.skip;
  cliIt('npm run cli -- export writes the same bytes as the HTTP export, with the same filters', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'incident-log-export-'));
    const { config } = server;
    const env = { ...process.env, DATA_DIR: config.dataDir, EVENT_STORE: config.eventStore, ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}) };
    try {
      for (const [format, file] of [['acled', 'acled.csv'], ['ucdp', 'ucdp.csv'], ['geojson', 'incidents.geojson']]) {
        const out = join(folder, file);
        await promisify(execFile)(process.execPath, [BUILT_CLI, 'export', format, '--country', 'ML', '--include-withdrawn', '--out', out], { env });
        const answer = await ok(`/exports/${file}?country=ML&includeWithdrawn=true`);
        expect(readFileSync(out).equals(answer.bytes)).toBe(true);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
