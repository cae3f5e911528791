import { RunningApp, http, startApp } from '../support/app';
import { BARKHANE_INCIDENT_ID, barkhaneImport, opening } from '../support/barkhane';
import { expectError } from '../support/e2e';

/** GET /map/places: every incident the list's filters keep (no paging), grouped where the map draws it. */
describe('GET /map/places', () => {
  let server: RunningApp;
  let base: string;
  const ids: Record<string, string> = {};
  const places = async (query = '') => {
    const answer = await http(base, 'GET', `/map/places${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    expect((await http(base, 'POST', '/imports', { body: barkhaneImport() })).status).toBe(201);
    const sourceId = (await http(base, 'GET', '/sources')).body.items[0].sourceId;
    const open = async (title: string, day: string, location: Record<string, unknown>) => {
      const opened = await http(base, 'POST', '/incidents', {
        body: opening(sourceId, { title, occurred: { start: `${day}T00:00:00Z`, end: `${day}T23:59:59Z`, precision: 'day' }, location }),
      });
      expect(opened.status).toBe(201);
      return opened.body.incidentId as string;
    };
    const at = (latitude: number, longitude: number) => ({ country: 'ML', area: null, admin1: null, name: 'Gossi', latitude, longitude, precision: 'locality' });
    const inBurkina = { country: 'BF', area: null, admin1: null, name: null, latitude: null, longitude: null, precision: 'country' };
    ids.gossi = await open('Near Gossi', '2018-10-01', at(15.82, -1.3));
    ids.gossiAgain = await open('Near Gossi again', '2018-10-02', at(15.82, -1.3));
    for (let index = 1; index <= 12; index++) ids[`burkina${index}`] = await open(`In Burkina Faso ${index}`, `2017-01-${String(index).padStart(2, '0')}`, inBurkina);
  });
  afterAll(() => server.close());

  it('groups every incident by its coordinates, or by its country when it has none, newest first', async () => {
    const { total, places: found } = await places();
    expect(total).toBe(15);
    expect(found).toEqual([
      { country: 'ML', latitude: null, longitude: null, count: 1, incidents: [{ incidentId: BARKHANE_INCIDENT_ID, title: 'Heliborne raid against a terrorist group in the Gourma' }] },
      { country: 'ML', latitude: 15.82, longitude: -1.3, count: 2, incidents: [{ incidentId: ids.gossiAgain, title: 'Near Gossi again' }, { incidentId: ids.gossi, title: 'Near Gossi' }] },
      {
        country: 'BF', latitude: null, longitude: null, count: 12,
        // The newest ten are named; all twelve are counted.
        incidents: Array.from({ length: 10 }, (_, offset) => ({ incidentId: ids[`burkina${12 - offset}`], title: `In Burkina Faso ${12 - offset}` })),
      },
    ]);
  });

  it("takes the list's filters", async () => {
    expect((await places('?country=bf')).total).toBe(12);
    expect((await places('?from=2018-01-01&to=2018-10-31')).places.map((place: { count: number }) => place.count)).toEqual([2]);
    expect(await places('?actor=nobody')).toEqual({ total: 0, places: [] });
  });

  it.each([
    ['country=XX', 'country must be a valid ISO31661 Alpha2 code'],
    ['limit=10', 'limit is not a known field'],
  ])('?%s is a 400 naming it', async (query, message) => {
    expectError(await http(base, 'GET', `/map/places?${query}`), 400, 'Bad Request', message);
  });
});
