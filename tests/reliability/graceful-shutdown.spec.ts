/**
 * SIGTERM under load: the built server stops taking connections, lets the requests in flight
 * answer, closes the store and exits 0; every append it acknowledged is in the log after a
 * restart. Its logs, read from its stdout, are JSON lines with the correlation id and never the
 * key or a body.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casualties } from '../support/barkhane';
import { ChildServer, buildIfStale, runCli, startChildServer } from '../support/child-server';
import { newId } from '../support/e2e';

const CLIENTS = 8;
/** SIGTERM once this many appends were acknowledged, whatever the time it took. */
const STOP_AFTER_ACKNOWLEDGED = 100;
/** A word only the request bodies carry: it must never reach the logs. */
const BODY_MARKER = 'wording-that-stays-out-of-the-logs';

describe('SIGTERM while 8 clients append (SQLite)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let key: string;

  beforeAll(async () => {
    buildIfStale();
    dataDir = mkdtempSync(join(tmpdir(), 'incident-log-sigterm-'));
    env = { DATA_DIR: dataDir, EVENT_STORE: 'sqlite', LOG_LEVEL: 'info' };
    const created = await runCli(['keys', 'create', '--name', 'desk', '--role', 'recorder'], env);
    expect(created.code).toBe(0);
    key = created.output.trim().split('\n').at(-1)!;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const call = (server: ChildServer, path: string, body: unknown) =>
    fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-correlation-id': `test-${newId()}` },
      body: JSON.stringify(body),
    });

  it('answers what it accepted, exits 0, and keeps every acknowledged append', async () => {
    const server = await startChildServer(env);
    const source: any = await (await call(server, '/sources', { publisher: 'EMA', title: 'Point de situation', publishedAt: '2018-11-13T00:00:00Z', language: 'fr', text: 'Les forces ont neutralisé sept terroristes.' })).json();
    const opened: any = await (await call(server, '/incidents', {
      title: 'Raid', occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
      location: { country: 'ML', precision: 'country' }, source: { sourceId: source.sourceId, excerpt: 'Les forces' },
    })).json();

    const acknowledged: string[] = [];
    const refusedWhileStopping: number[] = [];
    let stopping: Promise<void> | null = null;
    const client = async (): Promise<void> => {
      for (;;) {
        const eventId = newId();
        const fact = { ...casualties(source.sourceId), eventId, source: { sourceId: source.sourceId, excerpt: 'sept terroristes' } };
        fact.data = { ...fact.data, wording: BODY_MARKER };
        let status: number;
        try {
          const response = await call(server, `/incidents/${opened.incidentId}/events`, { events: [fact] });
          status = response.status;
          await response.text();
        } catch {
          return; // the server closed: this request was never answered
        }
        if (status === 201) acknowledged.push(eventId);
        else {
          // A client told the server is stopping (503) stops too, as a real one backs off.
          refusedWhileStopping.push(status);
          return;
        }
        if (acknowledged.length === STOP_AFTER_ACKNOWLEDGED && !stopping) stopping = server.stop();
        if (stopping && (server.process.exitCode !== null || server.process.signalCode !== null)) return;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await stopping;

    expect(server.process.signalCode).toBeNull();
    expect(server.process.exitCode).toBe(0);
    // While closing, Fastify answers new requests on open connections 503; nothing else.
    expect(refusedWhileStopping.filter((status) => status !== 503)).toEqual([]);

    const output = server.output();
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => String(entry.msg).includes('SIGTERM'))).toBe(true);
    const requestLines = entries.filter((entry) => entry.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThanOrEqual(STOP_AFTER_ACKNOWLEDGED);
    expect(requestLines.every((entry) => typeof entry.correlationId === 'string')).toBe(true);
    // The id each client sent is the one its request is logged under (health polls get new ones).
    expect(requestLines.filter((entry) => String(entry.correlationId).startsWith('test-')).length).toBeGreaterThanOrEqual(STOP_AFTER_ACKNOWLEDGED);
    expect(output).not.toContain(key);
    expect(output).not.toContain(BODY_MARKER);

    const restarted = await startChildServer(env);
    try {
      const log = await readWholeLogWithKey(restarted.baseUrl, key);
      const stored = new Set(log.map((event) => event.eventId));
      expect(acknowledged.filter((eventId) => !stored.has(eventId))).toEqual([]);
      expect(log.length).toBe(stored.size);
    } finally {
      await restarted.stop();
    }
  });
});

describe('SIGTERM while clients hold connections open (SQLite)', () => {
  let dataDir: string;
  beforeAll(() => {
    buildIfStale();
    dataDir = mkdtempSync(join(tmpdir(), 'incident-log-sigterm-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('closes a connection that never sent a request (a browser opens some ahead of time) and one kept alive, then exits 0', async () => {
    const server = await startChildServer({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite', LOG_LEVEL: 'info' });
    const { port } = new URL(server.baseUrl);
    const silent = await openSocket(Number(port));
    const keptAlive = await openSocket(Number(port));
    keptAlive.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    await new Promise((resolve) => keptAlive.once('data', resolve));

    // Before: the socket that sent nothing held the close until the 10 s deadline, and the process exited 1.
    await server.stop();
    expect({ exitCode: server.process.exitCode, output: server.output() }).toEqual({ exitCode: 0, output: server.output() });
    await Promise.all([silent, keptAlive].map((socket) => new Promise((resolve) => (socket.closed ? resolve(null) : socket.once('close', resolve)))));
  });
});

/** A raw TCP connection to the server, once it is connected; closed by the server, never by the test. */
function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    socket.resume();
  });
}

/** The whole global log, read with the key (the server runs with keys). */
async function readWholeLogWithKey(baseUrl: string, key: string): Promise<{ eventId: string }[]> {
  const events: { eventId: string }[] = [];
  let after = 0;
  for (;;) {
    const page: any = await (await fetch(`${baseUrl}/events?after=${after}&limit=1000`, { headers: { authorization: `Bearer ${key}` } })).json();
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.lastPosition;
  }
}
