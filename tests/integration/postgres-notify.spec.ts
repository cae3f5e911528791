/**
 * On PostgreSQL an append wakes every instance's projections at its commit (LISTEN/NOTIFY),
 * rather than at their next poll. Here nothing polls: only the notification can wake the listener.
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

  it('a listener is woken by an append made on another connection, and not by a refused one', async () => {
    let wakes = 0;
    let woken: () => void = () => undefined;
    const listener = await listenForAppends(database.url, () => {
      wakes++;
      woken();
    });
    try {
      const wokenNow = new Promise<void>((resolve) => (woken = resolve));
      await expect(store.append('incident-1', [anEvent()], 5)).rejects.toThrow();
      await store.append('incident-1', [anEvent(), anEvent()], NO_STREAM);
      await wokenNow;
      expect(wakes).toBe(1);
    } finally {
      await listener.stop();
    }
  });
});
