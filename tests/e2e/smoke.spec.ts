import { RunningApp, e2eStore, http, startApp } from '../support/app';

describe('a new server', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  it('answers /health naming its store', async () => {
    const answer = await http(server.baseUrl, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', store: e2eStore(), headPosition: 0 });
  });
});
