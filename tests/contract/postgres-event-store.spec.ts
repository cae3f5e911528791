import pg from 'pg';
import { NO_STREAM } from '../../src/event-store/event-store.port';
import { MIGRATIONS } from '../../src/event-store/postgres/postgres-event-store.schema';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../support/postgres';
import { anEvent, describeEventStoreContract } from './event-store.contract';

async function withRawClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describeEventStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const store = await PostgresEventStore.open(database.url);
  return {
    store,
    reopen: () => PostgresEventStore.open(database.url),
    rawSql: { dialect: 'postgres', execute: (sql: string) => withRawClient(database.url, (client) => client.query(sql)) },
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
});

describe('PostgreSQL event store, specifically', () => {
  let database: TestDatabase;
  const stores: PostgresEventStore[] = [];
  const open = async (options?: Parameters<typeof PostgresEventStore.open>[1], settings: pg.PoolConfig = {}) => {
    const store = await PostgresEventStore.open({ connectionString: database.url, ...settings }, options);
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await database.drop();
  });

  it('migrates once when several instances start at the same time, and not again on restart', async () => {
    await Promise.all(Array.from({ length: 8 }, () => open()));
    await open();

    const applied = await withRawClient(database.url, async (client) =>
      (await client.query<{ version: number }>(`SELECT version FROM schema_migrations WHERE component = 'event-store' ORDER BY version`)).rows,
    );
    expect(applied.map((row) => row.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('does not let readers past an append still in flight, then shows both appends in position order once it commits', async () => {
    const store = await open();
    await withRawClient(database.url, async (slow) => {
      // What a slow append looks like mid-flight: positions taken, row written, not committed yet.
      await slow.query('BEGIN');
      const { rows } = await slow.query<{ global_position: string }>(
        `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, recorded_at, recorded_by)
         OVERRIDING SYSTEM VALUE
         SELECT first_position, 'slow-event', 'incident-slow', 1, 'CasualtiesRecorded', 1, '{}', allocated_at, 'test'
           FROM allocate_event_positions(1)
         RETURNING global_position`,
      );
      const { events } = await store.append('incident-fast', [anEvent()], NO_STREAM);
      // The later append has committed and answered, but a lower position may still commit.
      expect(events[0].globalPosition).toBeGreaterThan(Number(rows[0].global_position));

      expect(await store.readAll(0, 10)).toEqual([]);
      expect(await store.headPosition()).toBe(0);
      expect(await store.readStream('incident-fast')).toEqual(events);

      await slow.query('COMMIT');
    });

    const [fast] = await store.readStream('incident-fast');
    expect((await store.readAll(0, 10)).map((e) => e.eventId)).toEqual(['slow-event', fast.eventId]);
    expect(await store.headPosition()).toBe(fast.globalPosition);
  });

  it('survives its connections being cut: the error is reported, not fatal, and the next append reconnects', async () => {
    const reported: Error[] = [];
    const store = await open({ onError: (error) => reported.push(error) });
    await store.append('incident-1', [anEvent()], NO_STREAM);

    await withRawClient(database.url, (admin) =>
      admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'),
    );
    for (let waited = 0; reported.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));

    expect(reported.length).toBeGreaterThan(0);
    expect((await store.append('incident-1', [anEvent()], 1)).streamVersion).toBe(2);
  });

  it('returns record times as ISO instants in UTC with milliseconds, whatever the session time zone', async () => {
    const store = await open({}, { options: '-c TimeZone=Asia/Kolkata' });
    const { events } = await store.append('incident-1', [anEvent()], NO_STREAM);

    expect(events[0].recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Math.abs(Date.parse(events[0].recordedAt) - Date.now())).toBeLessThan(60_000);
    expect((await store.readAll(0, 1))[0].recordedAt).toBe(events[0].recordedAt);
  });
});
