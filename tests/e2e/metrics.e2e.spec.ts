import { RunningApp, http, startApp } from '../support/app';
import { openIncident, recorded, registerSource } from '../support/e2e';
import { casualties } from '../support/barkhane';

/** The value of one sample line (`name{labels} value`) of a Prometheus text answer, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics, scraped as Prometheus would', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  const scrape = async (): Promise<string> => {
    const answer = await http<string>(server.baseUrl, 'GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return answer.body;
  };

  it('counts appends and the events they stored', async () => {
    const before = await scrape();
    const sourceId = await registerSource(server.baseUrl);
    const incidentId = await openIncident(server.baseUrl, sourceId);
    await recorded(server.baseUrl, incidentId, [casualties(sourceId), casualties(sourceId, { low: 2 })]);
    const after = await scrape();
    // The source, the opening, then two facts in one append.
    expect(sample(after, 'incident_log_appends_total')! - sample(before, 'incident_log_appends_total')!).toBe(3);
    expect(sample(after, 'incident_log_events_appended_total')! - sample(before, 'incident_log_events_appended_total')!).toBe(4);
  });

  it('times requests by route pattern and status, never by id', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    expect((await http(server.baseUrl, 'GET', `/incidents/${missing}`)).status).toBe(404);
    const text = await scrape();
    expect(sample(text, 'incident_log_http_request_duration_seconds_count', { method: 'GET', route: '/incidents/:incidentId', status: '404' })).toBe(1);
    expect(sample(text, 'incident_log_http_request_duration_seconds_count', { method: 'POST', route: '/incidents/:incidentId/events', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(missing);
  });

  it('shows every projection with its lag and its status, and the head of the log', async () => {
    const projections = (await http(server.baseUrl, 'GET', '/projections')).body as { name: string }[];
    const text = await scrape();
    for (const { name } of projections) {
      expect(sample(text, 'incident_log_projection_lag_events', { projection: name })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'incident_log_projection_status', { projection: name, status: 'live' })).toBe(1);
      expect(sample(text, 'incident_log_projection_status', { projection: name, status: 'failed' })).toBe(0);
    }
    const health = (await http(server.baseUrl, 'GET', '/health')).body;
    expect(sample(text, 'incident_log_head_position')).toBe(health.headPosition);
  });
});

describe('correlation ids', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  it("answers with the client's X-Correlation-Id and keeps it on the events the request stored", async () => {
    const answer = await http(server.baseUrl, 'POST', '/sources', {
      body: { publisher: 'EMA', title: 'Point de situation', publishedAt: '2019-01-04T00:00:00Z', language: 'fr', text: 'Un texte.' },
      headers: { 'x-correlation-id': 'desk-42' },
    });
    expect(answer.headers.get('x-correlation-id')).toBe('desk-42');
    const events = (await http(server.baseUrl, 'GET', '/events?after=0&limit=10')).body.events;
    expect(events.at(-1).correlationId).toBe('desk-42');
  });

  it('makes one when the client gives none (or an unusable one) and answers it', async () => {
    const answer = await http(server.baseUrl, 'GET', '/health', { headers: { 'x-correlation-id': ' has spaces ' } });
    expect(answer.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
