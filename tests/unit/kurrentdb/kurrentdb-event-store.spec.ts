import { randomUUID } from 'node:crypto';
import { EventIdConflict, WrongExpectedVersion } from '../../../src/event-store/event-store.errors';
import { NO_STREAM, StoredEvent } from '../../../src/event-store/event-store.port';
import { KurrentDbEventStore } from '../../../src/event-store/kurrentdb/kurrentdb-event-store';
import { FakeKurrentDb } from './fake-kurrentdb-client';
import { anEvent } from '../../contract/event-store.contract';

/**
 * The adapter's own logic (idempotency, versions, read-back, paging, record times, subscriptions)
 * against an in-memory model of the server. The real server is exercised by
 * tests/contract/kurrentdb-event-store.spec.ts when KURRENTDB_URL is set.
 */
const INCIDENT = 'incident-0190b7c4-5f3e-7a21-9c1d-2f6a8e4b1c00';
const OTHER_INCIDENT = 'incident-0190b7c4-5f3e-7a21-9c1d-2f6a8e4b1c01';
const SOURCE = 'source-5d41402abc4b2a76b9719d911017c592';


describe('KurrentDB event store (against an in-memory model of the server)', () => {
  let server: FakeKurrentDb;
  let store: KurrentDbEventStore;
  const appendCalls = () => server.calls.filter((c) => c.method === 'appendToStream');

  beforeEach(() => {
    server = new FakeKurrentDb();
    // What a real server holds besides our streams.
    server.writeForeign('$stats-127.0.0.1:2113', '$statsCollected');
    server.writeForeign('orders-42', 'OrderPlaced');
    store = new KurrentDbEventStore(server.client());
  });

  afterEach(() => store.close());

  describe('appending', () => {
    it('writes to the stream of the same name, asking KurrentDB for revision n - 1 when version n is expected, with our event ids', async () => {
      await store.append(INCIDENT, [anEvent()], NO_STREAM);
      const events = [anEvent(), anEvent()];

      await store.append(INCIDENT, events, 1);

      const last = appendCalls().at(-1)!.args as { streamName: string; events: Array<{ id: string }>; options: { streamState: unknown } };
      expect(last.streamName).toBe(INCIDENT);
      expect(last.options.streamState).toBe(0n);
      expect(last.events.map((e) => e.id)).toEqual(events.map((e) => e.eventId));
      expect(appendCalls()[0].args).toMatchObject({ options: { streamState: 'no_stream' } });
    });

    it('answers with the events exactly as later reads give them: versions, $all positions, one record time for the append', async () => {
      const result = await store.append(INCIDENT, [anEvent(), anEvent(), anEvent()], NO_STREAM);

      expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(result.events.map((e) => e.globalPosition)).toEqual(server.log.slice(-3).map((e) => Number(e.position!.commit)));
      // The model stamps its events 1 ms apart, as a real server may; the append still has one time.
      expect(new Set(server.log.slice(-3).map((e) => e.created.toISOString())).size).toBe(3);
      expect(new Set(result.events.map((e) => e.recordedAt))).toEqual(new Set([server.log.at(-3)!.created.toISOString()]));
      expect(await store.readStream(INCIDENT)).toEqual(result.events);
      expect(await store.readAll(0, 10)).toEqual(result.events);
    });

    it("turns the server's refusal of the expected version into WrongExpectedVersion with the stream's actual version", async () => {
      await store.append(INCIDENT, [anEvent(), anEvent()], NO_STREAM);

      const error = await store.append(INCIDENT, [anEvent()], 1).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect(error).toMatchObject({ streamId: INCIDENT, expected: 1, actual: 2 });
      await expect(store.append(OTHER_INCIDENT, [anEvent()], 3)).rejects.toMatchObject({ expected: 3, actual: 0 });
    });

    it('does not write again an event the stream already holds: the retry is answered from the stream', async () => {
      const event = anEvent();
      const [stored] = (await store.append(INCIDENT, [event], NO_STREAM)).events;

      const again = await store.append(INCIDENT, [event], NO_STREAM);

      expect(again).toEqual({ streamVersion: 1, events: [stored], appendedCount: 0 });
      expect(appendCalls()).toHaveLength(1);
    });

    it('answers with the id as KurrentDB keeps it (lowercase), and knows it again when retried in capitals', async () => {
      const event = anEvent({ eventId: randomUUID().toUpperCase() });

      const [stored] = (await store.append(INCIDENT, [event], NO_STREAM)).events;
      const again = await store.append(INCIDENT, [event], NO_STREAM);

      expect(stored.eventId).toBe(event.eventId.toLowerCase());
      expect(again.events).toEqual([stored]);
    });

    it('refuses an id the stream holds with other content, writing nothing', async () => {
      const event = anEvent();
      await store.append(INCIDENT, [event], NO_STREAM);

      await expect(store.append(INCIDENT, [{ ...event, data: { killed: 8 } }], 'any')).rejects.toBeInstanceOf(EventIdConflict);
      expect(appendCalls()).toHaveLength(1);
    });

    it('does NOT see an id already stored in another stream (KurrentDB has no lookup by id): it is stored again', async () => {
      const event = anEvent();
      await store.append(INCIDENT, [event], NO_STREAM);

      const result = await store.append(OTHER_INCIDENT, [event], NO_STREAM);

      expect(result.appendedCount).toBe(1);
    });

    it('refuses a stream outside its prefixes: the global log would never show it', async () => {
      await expect(store.append('orders-42', [anEvent()], 'any')).rejects.toThrow(/not one of this store's/);
    });

    it('answers an empty batch with the current version, without writing', async () => {
      await store.append(INCIDENT, [anEvent()], NO_STREAM);

      expect(await store.append(INCIDENT, [], 1)).toEqual({ streamVersion: 1, events: [], appendedCount: 0 });
      expect(appendCalls()).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('gives an empty stream for a stream that does not exist', async () => {
      expect(await store.readStream(INCIDENT)).toEqual([]);
    });

    it('reads only incident and source streams from $all, and an empty log as head 0', async () => {
      expect(await store.headPosition()).toBe(0);

      await store.append(INCIDENT, [anEvent()], NO_STREAM);
      server.writeForeign('orders-42', 'OrderShipped');
      await store.append(SOURCE, [anEvent({ type: 'SourceRegistered' })], NO_STREAM);

      const log = await store.readAll(0, 10);
      expect(log.map((e) => e.streamId)).toEqual([INCIDENT, SOURCE]);
      expect(await store.headPosition()).toBe(log[1].globalPosition);
    });

    it('pages the log by position: starts right after the position given, at most `limit` events, none twice', async () => {
      const { events } = await store.append(INCIDENT, Array.from({ length: 7 }, () => anEvent()), NO_STREAM);

      const pages: StoredEvent[][] = [];
      for (let after = 0; ; ) {
        const page = await store.readAll(after, 3);
        if (page.length === 0) break;
        pages.push(page);
        after = page.at(-1)!.globalPosition;
      }

      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(events);
      expect(await store.readAll(events[4].globalPosition, 10)).toEqual(events.slice(5));
    });

    it('fills a page past system events in our streams', async () => {
      await store.append(INCIDENT, [anEvent()], NO_STREAM);
      server.writeForeign(INCIDENT, '$>');
      await store.append(INCIDENT, [anEvent()], 'any');

      expect((await store.readAll(0, 2)).map((e) => e.streamVersion)).toEqual([1, 3]);
    });

    it('gives a page that starts inside an append the time of that append', async () => {
      const { events } = await store.append(INCIDENT, [anEvent(), anEvent(), anEvent()], NO_STREAM);

      const [second] = await store.readAll(events[0].globalPosition, 1);

      expect(second.recordedAt).toBe(events[0].recordedAt);
    });

    it('reads from the start and skips when given a position that is no record boundary', async () => {
      const { events } = await store.append(INCIDENT, [anEvent(), anEvent()], NO_STREAM);

      expect(await store.readAll(events[0].globalPosition + 1, 10)).toEqual(events.slice(1));
    });
  });

  describe('subscribing to the global log', () => {
    it('gives the events after the position, then each new one, in order, one at a time', async () => {
      const { events: before } = await store.append(INCIDENT, [anEvent(), anEvent()], NO_STREAM);
      const seen: StoredEvent[] = [];
      let handling = 0;
      let overlapped = false;
      const subscription = store.subscribeFrom(before[0].globalPosition, async (event) => {
        overlapped ||= handling > 0;
        handling++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(event);
        handling--;
      });

      const { events: after } = await store.append(SOURCE, [anEvent(), anEvent()], NO_STREAM);
      await waitFor(() => seen.length === 3);
      await subscription.stop();

      expect(seen).toEqual([before[1], ...after]);
      expect(overlapped).toBe(false);
      await expect(subscription.done).resolves.toBeUndefined();
    });

    it('ends when the handler fails, and says so through done and onError', async () => {
      await store.append(INCIDENT, [anEvent()], NO_STREAM);
      const errors: unknown[] = [];

      const subscription = store.subscribeFrom(0, async () => {
        throw new Error('projection failed');
      }, { onError: (error) => errors.push(error) });

      await expect(subscription.done).rejects.toThrow('projection failed');
      expect(errors).toHaveLength(1);
    });
  });

  it('stops its subscriptions and disposes of the client on close', async () => {
    const subscription = store.subscribeFrom(0, async () => undefined);

    await store.close();

    await expect(subscription.done).resolves.toBeUndefined();
    expect(server.disposed).toBe(true);
  });

  it('is made from a connection string, without connecting until asked', async () => {
    const fromUrl = new KurrentDbEventStore('kurrentdb://127.0.0.1:1?tls=false');

    expect(fromUrl.kind).toBe('kurrentdb');
    await fromUrl.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
