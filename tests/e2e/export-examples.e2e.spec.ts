import { RunningApp, http, startApp } from '../support/app';
import { BARKHANE_INCIDENT_ID, barkhaneImport } from '../support/barkhane';
import { exportContent } from '../../src/exports/export-openapi';

/** The OpenAPI document's example of each export is what the server answers for the seed, not a made-up answer. */
describe("the exports' examples in the OpenAPI document", () => {
  let server: RunningApp;
  const exported = async (file: string) => (await fetch(`${server.baseUrl}/exports/${file}?operation=Barkhane`)).text();
  const example = (format: 'acled' | 'ucdp' | 'geojson') => Object.values(exportContent(format))[0].example;

  beforeAll(async () => {
    server = await startApp();
    expect((await http(server.baseUrl, 'POST', '/imports', { body: barkhaneImport() })).status).toBe(201);
  });
  afterAll(() => server.close());

  it('ACLED and UCDP: the seed as exported (the ACLED timestamp is the record time of the import)', async () => {
    const withoutTimestamp = (csv: string) => csv.replace(/,\d{10}\n/g, ',{timestamp}\n');
    expect(withoutTimestamp(await exported('acled.csv'))).toBe(withoutTimestamp(example('acled') as string));
    expect(await exported('ucdp.csv')).toBe(example('ucdp'));
  });

  it('GeoJSON: the seed as exported once the correction the example describes gives it coordinates', async () => {
    const history = (await http(server.baseUrl, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}/history`)).body;
    const sourceId = history.revisions[0].source.sourceId;
    const [longitude, latitude] = (example('geojson') as { features: { geometry: { coordinates: number[] } }[] }).features[0].geometry.coordinates;
    const corrected = await http(server.baseUrl, 'POST', `/incidents/${BARKHANE_INCIDENT_ID}/events`, {
      body: {
        events: [{
          type: 'FactCorrected',
          data: {
            correctsEventId: history.revisions[0].eventId,
            data: { location: { country: 'ML', area: 'Gourma', admin1: null, name: null, latitude, longitude, precision: 'area' } },
            reason: 'a point standing for the Gourma',
          },
          source: { sourceId, excerpt: 'dans la région du Gourma au Mali' },
        }],
      },
    });
    expect(corrected.status).toBe(201);
    expect(JSON.parse(await exported('incidents.geojson'))).toEqual(example('geojson'));
  });
});
