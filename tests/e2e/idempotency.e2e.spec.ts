import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { requestFingerprint } from '../../src/idempotency/request-fingerprint';
import { SQLITE_FILE_NAME } from '../../src/infrastructure/storage';
import { HttpAnswer, RunningApp, e2eStore, http, startApp } from '../support/app';
import { casualties, opening } from '../support/barkhane';
import { expectError, logLength, newId, openIncident, recordEvents, registerSource } from '../support/e2e';
import { TestDatabase, createTestDatabase } from '../support/postgres';

const key = () => `key-${newId()}`;

/** The headers a replay must give again, as they were. */
const kept = (answer: HttpAnswer) => ({
  'content-type': answer.headers.get('content-type'),
  location: answer.headers.get('location'),
  etag: answer.headers.get('etag'),
});

/** A statement on the server's own database (the SQLite file, or its PostgreSQL database), as another instance or an operator would run it. */
async function onStoreDatabase(server: RunningApp, sql: string, params: (string | number)[] = []): Promise<Record<string, unknown>[]> {
  if (server.config.eventStore === 'postgres') {
    const client = new pg.Client({ connectionString: server.config.databaseUrl! });
    await client.connect();
    try {
      let index = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++index}`), params)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(server.config.dataDir, SQLITE_FILE_NAME));
  try {
    db.pragma('busy_timeout = 5000');
    const statement = db.prepare(sql);
    return statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []);
  } finally {
    db.close();
  }
}

describe('Idempotency-Key', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    sourceId = await registerSource(base);
  });
  afterAll(() => server.close());

  it('answers a repeated opening as the first time (status, body, Location, ETag) and opens no second incident', async () => {
    const headers = { 'idempotency-key': key() };
    const first = await http(base, 'POST', '/incidents', { body: opening(sourceId), headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const head = await logLength(base);

    const again = await http(base, 'POST', '/incidents', { body: opening(sourceId), headers });
    expect({ status: again.status, body: again.body, headers: kept(again) }).toEqual({ status: 201, body: first.body, headers: kept(first) });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await logLength(base)).toBe(head);
  });

  it('treats a body with its fields in another order as the same request', async () => {
    const headers = { 'idempotency-key': key() };
    const body = opening(sourceId);
    const first = await http(base, 'POST', '/incidents', { body, headers });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await http(base, 'POST', '/incidents', { body: reordered, headers });
    expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers a repeated append as the first time, and the log head does not move', async () => {
    const incidentId = await openIncident(base, sourceId);
    const headers = { 'idempotency-key': key() };
    const first = await recordEvents(base, incidentId, [casualties(sourceId)], headers);
    expect(first.status).toBe(201);
    const head = await logLength(base);
    const again = await recordEvents(base, incidentId, [casualties(sourceId)], headers);
    expect({ status: again.status, body: again.body, headers: kept(again) }).toEqual({ status: 201, body: first.body, headers: kept(first) });
    expect(await logLength(base)).toBe(head);
  });

  it('answers the same key with another body 422, naming Idempotency-Key, and writes nothing', async () => {
    const incidentId = await openIncident(base, sourceId);
    const headers = { 'idempotency-key': key() };
    expect((await recordEvents(base, incidentId, [casualties(sourceId)], headers)).status).toBe(201);
    const head = await logLength(base);
    const other = await recordEvents(base, incidentId, [casualties(sourceId, { low: 6, best: 7, high: 8 })], headers);
    expectError(other, 422, 'Unprocessable Entity', /^Idempotency-Key was used before with another request/);
    const elsewhere = await http(base, 'POST', '/sources', { body: { publisher: 'p', title: 't', language: 'fr', text: 'other text' }, headers });
    expectError(elsewhere, 422, 'Unprocessable Entity', /^Idempotency-Key/);
    expect(await logLength(base)).toBe(head);
  });

  it('gives a 4xx answer again too (the request is not run twice)', async () => {
    const headers = { 'idempotency-key': key() };
    const missing = newId();
    const first = await recordEvents(base, missing, [casualties(sourceId)], headers);
    expect(first.status).toBe(404);
    const again = await recordEvents(base, missing, [casualties(sourceId)], headers);
    expect({ status: again.status, body: again.body }).toEqual({ status: 404, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('covers the POST without a body: a repeated rebuild request starts no second rebuild', async () => {
    const headers = { 'idempotency-key': key() };
    const first = await http(base, 'POST', '/projections/incident-details/rebuild', { headers });
    expect(first.status).toBe(202);
    const again = await http(base, 'POST', '/projections/incident-details/rebuild', { headers });
    expect({ status: again.status, body: again.body, replayed: again.headers.get('idempotent-replayed') }).toEqual({ status: 202, body: first.body, replayed: 'true' });
  });

  it.each([
    ['empty', '', 'Idempotency-Key must not be empty'],
    ['over 200 characters', 'k'.repeat(201), 'Idempotency-Key must be at most 200 characters'],
    ['not printable ASCII', 'clé-1', 'Idempotency-Key must hold printable ASCII characters only'],
  ])('refuses a key that is %s (400) and writes nothing', async (_what, value, message) => {
    const head = await logLength(base);
    expectError(await http(base, 'POST', '/incidents', { body: opening(sourceId), headers: { 'idempotency-key': value } }), 400, 'Bad Request', message);
    expect(await logLength(base)).toBe(head);
  });

  it('answers 409 while a request with the key is still running (here, on another instance), and runs the retry once it is over', async () => {
    const claimed = key();
    const body = opening(sourceId);
    const now = Date.now();
    await onStoreDatabase(
      server,
      'INSERT INTO idempotency_keys (caller, idempotency_key, fingerprint, token, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ['local', claimed, requestFingerprint('POST', '/incidents', body), 'another instance', now, now + 60_000],
    );
    const head = await logLength(base);
    const answer = await http(base, 'POST', '/incidents', { body, headers: { 'idempotency-key': claimed } });
    expectError(answer, 409, 'Conflict', 'a request with this Idempotency-Key is in progress: retry when it has finished');
    expect(await logLength(base)).toBe(head);
    // That request failed (a 5xx keeps no answer): its claim is gone, and the retry runs.
    await onStoreDatabase(server, 'DELETE FROM idempotency_keys WHERE idempotency_key = ?', [claimed]);
    expect((await http(base, 'POST', '/incidents', { body, headers: { 'idempotency-key': claimed } })).status).toBe(201);
  });

  it('of two requests sent together with one key, runs one: the other is told it is in progress (409) or gets its answer', async () => {
    const incidentId = await openIncident(base, sourceId);
    const head = await logLength(base);
    const headers = { 'idempotency-key': key() };
    const events = Array.from({ length: 50 }, () => casualties(sourceId));
    const answers = await Promise.all(Array.from({ length: 6 }, () => recordEvents(base, incidentId, events, headers)));
    const ran = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null);
    expect(ran).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 409) expectError(answer, 409, 'Conflict', 'a request with this Idempotency-Key is in progress: retry when it has finished');
      else expect({ status: answer.status, body: answer.body }).toEqual({ status: 201, body: ran[0].body });
    }
    expect(await logLength(base)).toBe(head + 50);
  });
});

describe('Idempotency-Key and the limits in the OpenAPI document', () => {
  let server: RunningApp;
  let posts: [string, any][];
  beforeAll(async () => {
    server = await startApp();
    const { paths } = (await http(server.baseUrl, 'GET', '/docs-json')).body;
    posts = Object.entries(paths as Record<string, any>).filter(([, item]) => item.post).map(([path, item]) => [path, item.post]);
  });
  afterAll(() => server.close());

  it('documents every POST of the contract', () => {
    expect(posts.map(([path]) => path).sort()).toEqual(['/imports', '/incidents', '/incidents/{incidentId}/events', '/projections/{name}/rebuild', '/sources']);
  });

  it('gives every POST the Idempotency-Key header and the 409, 413, 422 and 429 answers in the error body, each with an example of it', () => {
    for (const [, post] of posts) {
      expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false, schema: expect.objectContaining({ maxLength: 200 }) })]));
      for (const [status, error] of [['409', 'Conflict'], ['413', 'Payload Too Large'], ['422', 'Unprocessable Entity'], ['429', 'Too Many Requests']]) {
        const media = post.responses[status].content['application/json'];
        expect(media.schema.required).toEqual(['statusCode', 'error', 'message']);
        expect(media.example).toEqual({ statusCode: Number(status), error, message: [expect.any(String)] });
      }
      expect(post.responses['429'].headers['Retry-After'].schema).toEqual(expect.objectContaining({ type: 'integer' }));
    }
  });
});

describe('Idempotency-Key across restarts', () => {
  let dataDir: string;
  let database: TestDatabase | null;
  let env: Record<string, string>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'incident-log-idempotency-'));
    database = e2eStore() === 'postgres' ? await createTestDatabase() : null;
    env = { DATA_DIR: dataDir, ...(database ? { EVENT_STORE: 'postgres', DATABASE_URL: database.url } : {}) };
  });
  afterEach(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `work` on a server over the suite's store, then stops the server. */
  async function withServer<T>(work: (server: RunningApp) => Promise<T>): Promise<T> {
    const server = await startApp(env);
    try {
      return await work(server);
    } finally {
      await server.close();
    }
  }

  it('gives the first answer again after the server restarts on the same store', async () => {
    const headers = { 'idempotency-key': key() };
    const { first, body, head } = await withServer(async (server) => {
      const sourceId = await registerSource(server.baseUrl);
      const body = opening(sourceId);
      const first = await http(server.baseUrl, 'POST', '/incidents', { body, headers });
      expect(first.status).toBe(201);
      return { first, body, head: await logLength(server.baseUrl) };
    });
    await withServer(async (server) => {
      const again = await http(server.baseUrl, 'POST', '/incidents', { body, headers });
      expect({ status: again.status, body: again.body, headers: kept(again) }).toEqual({ status: 201, body: first.body, headers: kept(first) });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await logLength(server.baseUrl)).toBe(head);
    });
  });

  it('keeps a key 24 hours, then deletes it at start: the key is free for a new request', async () => {
    const reused = key();
    const sourceId = await withServer(async (server) => {
      const sourceId = await registerSource(server.baseUrl);
      expect((await http(server.baseUrl, 'POST', '/incidents', { body: opening(sourceId), headers: { 'idempotency-key': reused } })).status).toBe(201);
      const [row] = await onStoreDatabase(server, 'SELECT claimed_at, expires_at FROM idempotency_keys WHERE idempotency_key = ?', [reused]);
      expect(Number(row.expires_at) - Number(row.claimed_at)).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
      // A day later, as far as the key is concerned.
      await onStoreDatabase(server, 'UPDATE idempotency_keys SET expires_at = ? WHERE idempotency_key = ?', [Date.now() - 1, reused]);
      return sourceId;
    });
    await withServer(async (server) => {
      expect(await onStoreDatabase(server, 'SELECT idempotency_key FROM idempotency_keys WHERE idempotency_key = ?', [reused])).toEqual([]);
      const other = await http(server.baseUrl, 'POST', '/incidents', { body: opening(sourceId, { title: 'Another incident' }), headers: { 'idempotency-key': reused } });
      expect(other.status).toBe(201);
      expect(other.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  // Two instances share a database on PostgreSQL only (SQLite is one server's file): the SQLite
  // project has no such case to run, rather than a skipped one.
  if (e2eStore() === 'postgres') it('two instances on one PostgreSQL run a request with one key once between them', async () => {
    const [one, two] = [await startApp(env), await startApp(env)];
    try {
      const sourceId = await registerSource(one.baseUrl);
      const incidentId = await openIncident(one.baseUrl, sourceId);
      const head = await logLength(one.baseUrl);
      const headers = { 'idempotency-key': key() };
      const events = Array.from({ length: 50 }, () => casualties(sourceId));
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => recordEvents((i % 2 ? two : one).baseUrl, incidentId, events, headers)));
      expect(answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
      expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
      expect(await logLength(one.baseUrl)).toBe(head + 50);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
