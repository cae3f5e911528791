/**
 * On PostgreSQL an append wakes every instance's projections right after its commit
 * (LISTEN/NOTIFY), rather than at their next poll. Here nothing polls: only the notification can
 * wake the listener.
 */
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { NO_STREAM } from '../../src/event-store/event-store.port';
import { listenForAppends } from '../../src/infrastructure/postgres-appended-listener';
import { anEvent } from '../contract/event-store.contract';
import { TestDatabase, createTestDatabase } from '../support/postgres';

describe('PostgreSQL: appends wake the listeners at their commit', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.open(database.url);
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('a listener is woken by appends made on another connection', async () => {
    let wakes = 0;
    let woken: () => void = () => undefined;
    const listener = await listenForAppends(database.url, () => {
      wakes++;
      woken();
    });
    try {
      const wokenNow = new Promise<void>((resolve) => (woken = resolve));
      await Promise.all([store.append('incident-1', [anEvent(), anEvent()], NO_STREAM), store.append('incident-2', [anEvent()], NO_STREAM)]);
      await wokenNow;
      // Appends made in one turn of the event loop share a notification: at most one each.
      expect(wakes).toBeGreaterThanOrEqual(1);
      expect(wakes).toBeLessThanOrEqual(2);
    } finally {
      await listener.stop();
    }
  });
});
