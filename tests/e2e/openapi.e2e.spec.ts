import { RunningApp, http, startApp } from '../support/app';

/** Every path of API.md with the methods it answers. */
const CONTRACT_PATHS: Record<string, string[]> = {
  '/sources': ['get', 'post'],
  '/sources/{sourceId}': ['get'],
  '/incidents': ['get', 'post'],
  '/incidents/{incidentId}': ['get'],
  '/incidents/{incidentId}/events': ['post'],
  '/incidents/{incidentId}/history': ['get'],
  '/events': ['get'],
  '/imports': ['post'],
  '/health': ['get'],
  '/projections': ['get'],
  '/projections/{name}/rebuild': ['post'],
  '/stats/casualties': ['get'],
  '/stats/materiel': ['get'],
  '/identifications': ['get'],
  // 1.1
  '/actors': ['get'],
};

describe('the OpenAPI document', () => {
  let server: RunningApp;
  let document: any;

  beforeAll(async () => {
    server = await startApp();
    const answer = await http(server.baseUrl, 'GET', '/docs-json');
    document = answer.body;
  });
  afterAll(() => server.close());

  it('GET /docs-json answers 200 with an OpenAPI JSON document', async () => {
    const answer = await http(server.baseUrl, 'GET', '/docs-json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body.openapi).toMatch(/^3\./);
    expect(answer.body.info).toMatchObject({ title: 'incident-log', version: expect.any(String) });
  });

  it('describes every path of the contract', () => {
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(Object.keys(CONTRACT_PATHS)));
  });

  it.each(Object.entries(CONTRACT_PATHS))('describes %s with its methods', (path, methods) => {
    expect(Object.keys(document.paths[path] ?? {})).toEqual(expect.arrayContaining(methods));
  });

  it('documents the answers of appending events: 201, 200, 404, 409, 412, 422, and the If-Match header', () => {
    const append = document.paths['/incidents/{incidentId}/events'].post;
    expect(Object.keys(append.responses)).toEqual(expect.arrayContaining(['200', '201', '404', '409', '412', '422']));
    expect(append.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' })]));
  });

  it('documents the answers of opening an incident (201, 200, 409, 422) and of importing (201, 200, 422)', () => {
    expect(Object.keys(document.paths['/incidents'].post.responses)).toEqual(expect.arrayContaining(['200', '201', '409', '422']));
    expect(Object.keys(document.paths['/imports'].post.responses)).toEqual(expect.arrayContaining(['200', '201', '422']));
    expect(Object.keys(document.paths['/sources'].post.responses)).toEqual(expect.arrayContaining(['200', '201']));
  });

  it('documents the 202 of a rebuild', () => {
    expect(Object.keys(document.paths['/projections/{name}/rebuild'].post.responses)).toContain('202');
  });

  it('documents the 400 every write answers to a bad body', () => {
    const writes = ['/sources', '/incidents', '/incidents/{incidentId}/events', '/imports'];
    const undocumented = writes.filter((path) => !('400' in document.paths[path].post.responses));
    expect(undocumented).toEqual([]);
  });

  it('documents the 1.1 filter includeWithdrawn of GET /incidents as a boolean', () => {
    const parameter = document.paths['/incidents'].get.parameters.find((p: { name: string }) => p.name === 'includeWithdrawn');
    expect(parameter).toMatchObject({ in: 'query', required: false, schema: { type: 'boolean', default: false } });
  });

  it('GET /docs answers 200 with an HTML page', async () => {
    const answer = await fetch(`${server.baseUrl}/docs`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await answer.text()).toMatch(/<html[\s\S]*swagger/i);
  });
});
