import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

/**
 * Runs `work` and answers it with the number of events SQLite stores read by stream meanwhile
 * (from any caller): the reads are counted as they pass, the store is not replaced.
 */
export async function countingStreamReads<T>(work: () => Promise<T>): Promise<{ result: T; eventsRead: number }> {
  const original = SqliteEventStore.prototype.readStream;
  let eventsRead = 0;
  const spy = jest.spyOn(SqliteEventStore.prototype, 'readStream').mockImplementation(async function (this: SqliteEventStore, ...args) {
    const events = await original.apply(this, args);
    eventsRead += events.length;
    return events;
  });
  try {
    return { result: await work(), eventsRead };
  } finally {
    spy.mockRestore();
  }
}
