/**
 * A burst of writers on one incident, none of them asking for a version (no If-Match): each
 * append lands (201), none is refused for having raced another, and the incident ends with all of
 * them, at consecutive versions.
 */
import { RunningApp, http, startApp } from '../support/app';
import { casualties } from '../support/barkhane';
import { openIncident, registerSource } from '../support/e2e';

describe('concurrent appends to one incident without If-Match', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  it('200 at once: all 201, all stored once, versions 2..201 with no gap', async () => {
    const sourceId = await registerSource(server.baseUrl);
    const incidentId = await openIncident(server.baseUrl, sourceId);
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        http(server.baseUrl, 'POST', `/incidents/${incidentId}/events`, { body: { events: [casualties(sourceId, { best: 1 })] } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const versions = answers.map((a) => a.body.events[0].streamVersion).sort((a: number, b: number) => a - b);
    expect(versions).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    const history = (await http(server.baseUrl, 'GET', `/incidents/${incidentId}/history`)).body;
    expect(history.revisions.map((r: { version: number }) => r.version)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    expect((await http(server.baseUrl, 'GET', `/incidents/${incidentId}`)).body.casualties).toHaveLength(200);
  });
});
