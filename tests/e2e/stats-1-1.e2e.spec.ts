import { RunningApp, http, startApp } from '../support/app';
import { expectError, facts, openIncident, recorded, registerSource } from '../support/e2e';
import { momentBetweenWrites } from '../support/reliability-http';

/** GET /stats/casualties and /stats/materiel as API 1.1 has them: vague counts, lists of dimensions, filters. */

const EXCERPT = 'neutraliser sept terroristes';
const day = (date: string) => ({ start: `${date}T00:00:00Z`, end: `${date}T23:59:59Z`, precision: 'day' });
const place = (country: string, area: string | null) => ({
  country, area, admin1: null, name: null, latitude: null, longitude: null, precision: area ? 'area' : 'country',
});

describe('tallies (API 1.1)', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;

  const report = (side: string, status: string, count: Record<string, number>, wording?: string) => ({
    type: 'CasualtiesReported',
    data: { side, status, count, ...(wording ? { wording } : {}) },
    source: { sourceId, excerpt: EXCERPT },
  });
  const items = (type: 'MaterielSeized' | 'MaterielDestroyed', ...list: { category: string; quantity?: number }[]) => ({
    type,
    data: { items: list.map((item) => ({ description: item.category, ...item })) },
    source: { sourceId, excerpt: 'Des armes lourdes et légères' },
  });
  const withdrawal = () => ({ type: 'IncidentWithdrawn', data: { reason: 'recorded twice' }, source: { sourceId, excerpt: EXCERPT } });
  const get = async (path: string) => {
    const answer = await http(base, 'GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  /** The incidents of beforeAll happened in 2018–2019; the scenarios of single tests later. */
  const casualtyGroups = async (query: string) => (await get(`/stats/casualties?to=2019-12-31&${query}`)).groups;
  const materielGroups = async (query: string) => (await get(`/stats/materiel?to=2019-12-31&${query}`)).groups;
  const openingOf = async (incidentId: string): Promise<string> =>
    (await get(`/incidents/${incidentId}/history`)).revisions.find((r: { type: string }) => r.type === 'IncidentOpened').eventId;

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    sourceId = await registerSource(base);

    // Mali, Gourma, November 2018 (Barkhane): "plusieurs" neutralised, "une dizaine" killed; materiel.
    const gourma = await openIncident(base, sourceId);
    await recorded(base, gourma, [
      report('hostile', 'neutralised', { low: 2 }, 'plusieurs terroristes'),
      report('hostile', 'killed', { low: 8, best: 10, high: 12 }, 'une dizaine'),
      facts.seized(sourceId),
      facts.destroyed(sourceId),
    ]);
    // Mali, Ménaka, February 2019 (Barkhane).
    const menaka = await openIncident(base, sourceId, { occurred: day('2019-02-03'), location: place('ML', 'Ménaka') });
    await recorded(base, menaka, [report('civilian', 'killed', { best: 3 }), report('friendly', 'wounded', { low: 1, best: 2 })]);
    // Niger, no area, November 2018 (another operation): one report with a best, one with only a high.
    const niger = await openIncident(base, sourceId, { occurred: day('2018-11-20'), location: place('NE', null), operation: 'Sabre' });
    await recorded(base, niger, [
      report('hostile', 'killed', { best: 5, high: 6 }),
      report('hostile', 'captured', { high: 4 }),
      items('MaterielSeized', { category: 'light-weapons', quantity: 2 }, { category: 'light-weapons' }),
    ]);
  });
  afterAll(() => server.close());

  describe('GET /stats/casualties', () => {
    it('never invents a figure: "plusieurs" ({ low: 2 }) adds 2 to low, nothing to best, and leaves high unbounded', async () => {
      const body = await get('/stats/casualties?to=2019-12-31&groupBy=country,side,status&country=ML&side=hostile&status=neutralised');
      expect(body).toEqual({
        groupBy: ['country', 'side', 'status'],
        asOf: null,
        groups: [{
          key: 'ML/hostile/neutralised', by: { country: 'ML', side: 'hostile', status: 'neutralised' },
          low: 2, best: null, high: null, reports: 1, withoutBest: 1,
        }],
      });
    });

    it('groups by several dimensions, in the order asked, keyed by their values joined by "/"', async () => {
      expect(await casualtyGroups('groupBy=country,side,status')).toEqual([
        { key: 'ML/civilian/killed', by: { country: 'ML', side: 'civilian', status: 'killed' }, low: 3, best: 3, high: 3, reports: 1, withoutBest: 0 },
        { key: 'ML/friendly/wounded', by: { country: 'ML', side: 'friendly', status: 'wounded' }, low: 1, best: 2, high: 2, reports: 1, withoutBest: 0 },
        { key: 'ML/hostile/killed', by: { country: 'ML', side: 'hostile', status: 'killed' }, low: 8, best: 10, high: 12, reports: 1, withoutBest: 0 },
        { key: 'ML/hostile/neutralised', by: { country: 'ML', side: 'hostile', status: 'neutralised' }, low: 2, best: null, high: null, reports: 1, withoutBest: 1 },
        { key: 'NE/hostile/captured', by: { country: 'NE', side: 'hostile', status: 'captured' }, low: 0, best: null, high: 4, reports: 1, withoutBest: 1 },
        { key: 'NE/hostile/killed', by: { country: 'NE', side: 'hostile', status: 'killed' }, low: 5, best: 5, high: 6, reports: 1, withoutBest: 0 },
      ]);
      expect((await casualtyGroups('groupBy=status,country')).map((g: { key: string }) => g.key)).toEqual([
        'captured/NE', 'killed/ML', 'killed/NE', 'neutralised/ML', 'wounded/ML',
      ]);
    });

    it('sums a group: low and high over every report (high null when one is unbounded), best over those that give one', async () => {
      const body = await get('/stats/casualties?to=2019-12-31');
      expect(body.groupBy).toEqual(['country']);
      expect(body.groups).toEqual([
        { key: 'ML', by: { country: 'ML' }, low: 14, best: 15, high: null, reports: 4, withoutBest: 1 },
        { key: 'NE', by: { country: 'NE' }, low: 5, best: 5, high: 10, reports: 2, withoutBest: 1 },
      ]);
    });

    it('groups by month and area; an incident without an area has "" in its key and null in `by`, after the named areas', async () => {
      expect(await casualtyGroups('groupBy=month,area')).toEqual([
        { key: '2018-11/Gourma', by: { month: '2018-11', area: 'Gourma' }, low: 10, best: 10, high: null, reports: 2, withoutBest: 1 },
        { key: '2018-11/', by: { month: '2018-11', area: null }, low: 5, best: 5, high: 10, reports: 2, withoutBest: 1 },
        { key: '2019-02/Ménaka', by: { month: '2019-02', area: 'Ménaka' }, low: 4, best: 5, high: 5, reports: 2, withoutBest: 0 },
      ]);
      expect(await casualtyGroups('groupBy=operation')).toEqual([
        expect.objectContaining({ key: 'Barkhane', by: { operation: 'Barkhane' }, reports: 4 }),
        expect.objectContaining({ key: 'Sabre', by: { operation: 'Sabre' }, reports: 2 }),
      ]);
    });

    it('keeps only the sides and statuses listed (comma-separated, or the parameter repeated)', async () => {
      const expected = [
        { key: 'civilian', by: { side: 'civilian' }, low: 3, best: 3, high: 3, reports: 1, withoutBest: 0 },
        { key: 'hostile', by: { side: 'hostile' }, low: 13, best: 15, high: 18, reports: 2, withoutBest: 0 },
      ];
      expect(await casualtyGroups('groupBy=side&side=hostile,civilian&status=killed')).toEqual(expected);
      expect(await casualtyGroups('groupBy=side&side=hostile&side=civilian&status=killed')).toEqual(expected);
      expect(await casualtyGroups('groupBy=status&status=wounded,captured')).toEqual([
        expect.objectContaining({ key: 'captured', low: 0, best: null, high: 4 }),
        expect.objectContaining({ key: 'wounded', low: 1, best: 2, high: 2 }),
      ]);
      expect(await casualtyGroups('side=unknown')).toEqual([]);
    });

    it('filters by country and operation (whatever its case), AND-combined', async () => {
      expect(await casualtyGroups('country=NE')).toEqual([expect.objectContaining({ key: 'NE', reports: 2 })]);
      expect(await casualtyGroups('operation=barkhane&groupBy=area')).toEqual([
        expect.objectContaining({ key: 'Gourma', reports: 2 }),
        expect.objectContaining({ key: 'Ménaka', reports: 2 }),
      ]);
      expect(await casualtyGroups('operation=Sabre&country=ML')).toEqual([]);
    });

    it('filters on when it happened: the incidents whose occurred span overlaps [from, to]', async () => {
      expect(await casualtyGroups('from=2019-01-01&groupBy=month')).toEqual([expect.objectContaining({ key: '2019-02', reports: 2 })]);
      // The Gourma night ends on 12 November at 06:00 UTC; Niger is on the 20th.
      const overlap = await get('/stats/casualties?from=2018-11-12T05:00:00Z&to=2018-11-19&groupBy=area');
      expect(overlap.groups).toEqual([{ key: 'Gourma', by: { area: 'Gourma' }, low: 10, best: 10, high: null, reports: 2, withoutBest: 1 }]);
      expect((await get('/stats/casualties?from=2018-11-12T06:00:01Z&to=2018-11-19')).groups).toEqual([]);
      expect((await get('/stats/casualties?to=2018-11-11T17:59:59Z')).groups).toEqual([]);
    });

    it('leaves a withdrawn incident out (now and as of after the withdrawal) and counts it again once the withdrawal is retracted', async () => {
      const incidentId = await openIncident(base, sourceId, { occurred: day('2021-03-01'), location: place('BF', 'Soum') });
      await recorded(base, incidentId, [report('hostile', 'killed', { best: 4 }), items('MaterielSeized', { category: 'vehicles', quantity: 1 })]);
      const counted = [{ key: 'BF', by: { country: 'BF' }, low: 4, best: 4, high: 4, reports: 1, withoutBest: 0 }];
      expect((await get('/stats/casualties?country=BF')).groups).toEqual(counted);
      const beforeWithdrawal = await momentBetweenWrites();

      const withdrawn = await recorded(base, incidentId, [withdrawal()]);
      expect((await get('/stats/casualties?country=BF')).groups).toEqual([]);
      expect((await get('/stats/materiel?country=BF')).groups).toEqual([]);
      expect((await get(`/incidents/${incidentId}`)).withdrawn).toMatchObject({ reason: 'recorded twice' });
      const whileWithdrawn = await momentBetweenWrites();

      await recorded(base, incidentId, [facts.retracted(sourceId, withdrawn.body.events[0].eventId)]);
      expect((await get('/stats/casualties?country=BF')).groups).toEqual(counted);
      expect((await get('/stats/materiel?country=BF')).groups).toEqual([
        expect.objectContaining({ key: 'vehicles', seized: { items: 1, quantity: 1, itemsWithoutQuantity: 0 } }),
      ]);
      expect((await get(`/stats/casualties?country=BF&asOf=${beforeWithdrawal}`)).groups).toEqual(counted);
      expect((await get(`/stats/casualties?country=BF&asOf=${whileWithdrawn}`)).groups).toEqual([]);
      expect((await get(`/stats/materiel?country=BF&asOf=${whileWithdrawn}`)).groups).toEqual([]);
    });

    it('as of a moment before a correction shows the figures then; a corrected country, area or date moves the rows', async () => {
      const incidentId = await openIncident(base, sourceId, { occurred: day('2021-05-10'), location: place('TD', 'Lac') });
      const reported = await recorded(base, incidentId, [report('hostile', 'killed', { low: 5, best: 6, high: 7 })]);
      const beforeCorrection = await momentBetweenWrites();
      await recorded(base, incidentId, [facts.corrected(sourceId, reported.body.events[0].eventId, { count: { best: 9, high: 9 } })]);
      const beforeMove = await momentBetweenWrites();
      await recorded(base, incidentId, [
        facts.corrected(sourceId, await openingOf(incidentId), { location: place('CM', 'Extrême-Nord'), occurred: day('2021-06-02') }),
      ]);

      const groupBy = 'groupBy=country,area,month';
      expect((await get(`/stats/casualties?${groupBy}&from=2021-05-01&asOf=${beforeCorrection}`)).groups).toEqual([
        { key: 'TD/Lac/2021-05', by: { country: 'TD', area: 'Lac', month: '2021-05' }, low: 5, best: 6, high: 7, reports: 1, withoutBest: 0 },
      ]);
      expect((await get(`/stats/casualties?${groupBy}&country=TD&asOf=${encodeURIComponent(beforeMove)}`)).groups).toEqual([
        { key: 'TD/Lac/2021-05', by: { country: 'TD', area: 'Lac', month: '2021-05' }, low: 5, best: 9, high: 9, reports: 1, withoutBest: 0 },
      ]);
      expect((await get(`/stats/casualties?${groupBy}&country=TD`)).groups).toEqual([]);
      expect((await get(`/stats/casualties?${groupBy}&country=CM`)).groups).toEqual([
        { key: 'CM/Extrême-Nord/2021-06', by: { country: 'CM', area: 'Extrême-Nord', month: '2021-06' }, low: 5, best: 9, high: 9, reports: 1, withoutBest: 0 },
      ]);
      expect((await get(`/stats/casualties?country=CM&from=2021-06-01&to=2021-06-30`)).groups).toHaveLength(1);
      expect((await get(`/stats/casualties?country=CM&to=2021-05-31`)).groups).toEqual([]);
      const answer = await get(`/stats/casualties?country=CM&asOf=${encodeURIComponent(beforeMove)}`);
      expect(answer).toEqual({ groupBy: ['country'], asOf: new Date(beforeMove).toISOString(), groups: [] });
    });

    it.each([
      ['groupBy=country,side,foo', /^groupBy has "foo", which is not one of country, area, month, operation, side, status$/],
      ['groupBy=side,month,side', /^groupBy names side more than once/],
      ['groupBy=', /^groupBy has an empty item/],
      ['groupBy=country,', /^groupBy has an empty item/],
      ['side=hostile,enemy', /^side has "enemy", which is not one of hostile, friendly, civilian, unknown$/],
      ['status=dead', /^status has "dead", which is not one of killed, neutralised/],
      ['from=last-week', /^from must be an ISO 8601 date/],
      ['to=2018-02-30', /^to must be an ISO 8601 date/],
      ['asOf=yesterday', /^asOf must be an ISO 8601 date/],
      ['country=Mali', /^country /],
      ['colour=red', 'colour is not a known field'],
    ])('answers 400 naming the field for ?%s', async (query, message) => {
      expectError(await http(base, 'GET', `/stats/casualties?${query}`), 400, 'Bad Request', message);
    });
  });

  describe('GET /stats/materiel', () => {
    it('counts items seized and destroyed by category; quantity sums only the stated ones (null when none is stated)', async () => {
      const body = await get('/stats/materiel?to=2019-12-31');
      const none = { items: 0, quantity: 0, itemsWithoutQuantity: 0 };
      expect(body).toEqual({
        groupBy: ['category'],
        asOf: null,
        groups: [
          { key: 'communications', by: { category: 'communications' }, seized: none, destroyed: { items: 1, quantity: null, itemsWithoutQuantity: 1 } },
          { key: 'heavy-weapons', by: { category: 'heavy-weapons' }, seized: { items: 1, quantity: null, itemsWithoutQuantity: 1 }, destroyed: none },
          { key: 'light-weapons', by: { category: 'light-weapons' }, seized: { items: 3, quantity: 5, itemsWithoutQuantity: 1 }, destroyed: none },
        ],
      });
    });

    it('groups by several dimensions and takes the same filters', async () => {
      expect((await materielGroups('groupBy=category,country')).map((g: { key: string }) => g.key)).toEqual([
        'communications/ML', 'heavy-weapons/ML', 'light-weapons/ML', 'light-weapons/NE',
      ]);
      expect(await materielGroups('groupBy=country,month&country=NE&operation=sabre')).toEqual([
        {
          key: 'NE/2018-11', by: { country: 'NE', month: '2018-11' },
          seized: { items: 2, quantity: 2, itemsWithoutQuantity: 1 }, destroyed: { items: 0, quantity: 0, itemsWithoutQuantity: 0 },
        },
      ]);
      expect(await materielGroups('from=2019-01-01')).toEqual([]);
    });

    it.each([
      ['groupBy=side', /^groupBy has "side", which is not one of category, country, area, month, operation$/],
      ['groupBy=category,category', /^groupBy names category more than once/],
      ['asOf=2018-315', /^asOf must be an ISO 8601 date/],
    ])('answers 400 naming the field for ?%s', async (query, message) => {
      expectError(await http(base, 'GET', `/stats/materiel?${query}`), 400, 'Bad Request', message);
    });
  });

  it('the OpenAPI document declares every query parameter of both tallies', async () => {
    const document = await get('/docs-json');
    const names = (path: string) => document.paths[path].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort();
    const filters = ['query:asOf', 'query:country', 'query:from', 'query:operation', 'query:to'];
    expect(names('/stats/casualties')).toEqual([...filters, 'query:groupBy', 'query:side', 'query:status'].sort());
    expect(names('/stats/materiel')).toEqual([...filters, 'query:groupBy'].sort());
  });
});
