/**
 * The HTTP ceiling: a bare Fastify server doing what the app's routes do at the least — append the
 * request's events as one row each in one transaction (stream versions counted in memory), and
 * answer a stored incident view read by id — with better-sqlite3 or pg alone.
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PostgresRawLog, RawLog, SqliteRawLog } from '../lib/raw-log';

interface Input {
  kind: 'sqlite' | 'postgres';
  dir: string;
  url: string | null;
}

process.on('disconnect', () => process.exit(1));

interface EventBody {
  type: string;
  data: unknown;
  source?: unknown;
  confidence?: string;
  eventId?: string;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]) as Input;
  let log: RawLog;
  let readView: (id: string) => Promise<{ body: string; version: number } | undefined>;
  let writeView: (id: string, body: string, version: number) => Promise<void>;
  if (input.kind === 'sqlite') {
    const sqlite = new SqliteRawLog(join(input.dir, 'ceiling.sqlite'));
    sqlite.db.exec('CREATE TABLE IF NOT EXISTS raw_views (id TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL)');
    const select = sqlite.db.prepare('SELECT body, version FROM raw_views WHERE id = ?');
    const upsert = sqlite.db.prepare('INSERT OR REPLACE INTO raw_views (id, body, version) VALUES (?, ?, ?)');
    readView = async (id) => select.get(id) as { body: string; version: number } | undefined;
    writeView = async (id, body, version) => void upsert.run(id, body, version);
    log = sqlite;
  } else {
    const postgres = await PostgresRawLog.open(input.url!);
    await postgres.pool.query('CREATE TABLE IF NOT EXISTS raw_views (id TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL)');
    readView = async (id) => (await postgres.pool.query<{ body: string; version: number }>('SELECT body, version FROM raw_views WHERE id = $1', [id])).rows[0];
    writeView = async (id, body, version) =>
      void (await postgres.pool.query('INSERT INTO raw_views (id, body, version) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET body = $2, version = $3', [id, body, version]));
    log = postgres;
  }

  const versions = new Map<string, number>();
  const app = Fastify({ bodyLimit: 12 * 1024 * 1024 });
  app.post<{ Params: { id: string }; Body: { events: EventBody[] } }>('/incidents/:id/events', async (request, reply) => {
    const streamId = `incident-${request.params.id}`;
    const before = versions.get(streamId) ?? 0;
    const rows = request.body.events.map((e, i) => ({
      eventId: e.eventId ?? randomUUID(), streamId, streamVersion: before + i + 1, type: e.type, schemaVersion: 1,
      data: e.data, source: e.source ?? null, confidence: e.confidence ?? 'confirmed', recordedBy: 'local',
    }));
    versions.set(streamId, before + rows.length);
    const positions = await log.append(rows);
    reply.status(201).header('ETag', `"${before + rows.length}"`);
    return {
      incidentId: request.params.id, version: before + rows.length,
      events: rows.map((r, i) => ({ eventId: r.eventId, type: r.type, streamVersion: r.streamVersion, globalPosition: positions[i] })),
    };
  });
  app.get<{ Params: { id: string } }>('/incidents/:id', async (request, reply) => {
    const view = await readView(request.params.id);
    if (!view) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: ['no such incident'] });
    return reply.header('ETag', `"${view.version}"`).type('application/json; charset=utf-8').send(view.body);
  });
  // Set-up only (not measured): the views the GET route answers.
  app.put<{ Params: { id: string }; Body: unknown }>('/views/:id', async (request, reply) => {
    const body = request.body as { version: number };
    await writeView(request.params.id, JSON.stringify(body), body.version);
    return reply.status(204).send();
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.on('message', (message) => {
    if (message !== 'stop') return;
    app.close().then(() => log.close()).then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  process.send!({ ready: typeof address === 'object' && address ? address.port : 0 });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
