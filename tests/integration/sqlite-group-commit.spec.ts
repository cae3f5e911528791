import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteConnection } from '../../src/database/sqlite/sqlite-connection';
import { EventIdConflict, WrongExpectedVersion } from '../../src/event-store/event-store.errors';
import { EventToAppend, NO_STREAM } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

const event = (eventId: string = randomUUID(), data: unknown = { n: 1 }): EventToAppend => ({
  eventId, type: 'Thing', schemaVersion: 1, data, source: null, confidence: null, recordedBy: 'test', correlationId: null, causationId: null,
});

/** Appends asked for together share one commit (group commit); each keeps its own checks and its own answer. */
describe('SQLite group commit', () => {
  let folder: string;
  let file: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'incident-log-group-'));
    file = join(folder, 'log.db');
    store = new SqliteEventStore(new SqliteConnection(file));
  });

  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const rowsSeenByAnotherConnection = (eventId?: string): number => {
    const raw = new Database(file, { readonly: true });
    try {
      const where = eventId === undefined ? '' : ' WHERE event_id = ?';
      return (raw.prepare(`SELECT COUNT(*) AS n FROM events${where}`).get(...(eventId === undefined ? [] : [eventId])) as { n: number }).n;
    } finally {
      raw.close();
    }
  };

  it('fails only the appends that lose their race or conflict; the others commit, gap-free', async () => {
    const taken = event();
    await store.append('other', [taken], NO_STREAM);
    const outcomes = await Promise.allSettled([
      store.append('a', [event()], NO_STREAM),
      store.append('a', [event()], NO_STREAM), // loses the race to the first, in the same batch
      store.append('b', [event(), event()], NO_STREAM),
      store.append('c', [event(taken.eventId, { n: 2 })], NO_STREAM), // an id stored in another stream with other content
      store.append('a', [event()], 1),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflict);
    const log = await store.readAll(0, 100);
    expect(log.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5]);
    expect(log.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['other@1', 'a@1', 'b@1', 'b@2', 'a@2']);
    expect(await store.readStream('c')).toEqual([]);
  });

  it('answers each append only once it is visible to another connection', async () => {
    const seen = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const own = event();
        await store.append(`s${i}`, [own], NO_STREAM);
        return rowsSeenByAnotherConnection(own.eventId);
      }),
    );
    // Each answer came after the commit that holds its own event.
    expect(seen).toEqual(Array(20).fill(1));
    expect(rowsSeenByAnotherConnection()).toBe(20);
  });

  it('rolls back only the append whose work in the transaction fails', async () => {
    const outcomes = await Promise.allSettled([
      store.appendWithin('a', [event()], NO_STREAM, async () => undefined),
      store.appendWithin('b', [event()], NO_STREAM, async () => {
        throw new Error('read model failed');
      }),
      store.appendWithin('c', [event()], NO_STREAM, async () => undefined),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll(0, 10)).map((e) => e.streamId)).toEqual(['a', 'c']);
  });
});
