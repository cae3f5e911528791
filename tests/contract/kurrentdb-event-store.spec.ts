import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { WrongExpectedVersion } from '../../src/event-store/event-store.errors';
import { AppendResult, EventStore, EventToAppend, ExpectedVersion, GlobalPosition, NO_STREAM, StoredEvent } from '../../src/event-store/event-store.port';
import { KurrentDbEventStore } from '../../src/event-store/kurrentdb/kurrentdb-event-store';
import { anEvent, describeEventStoreContract } from './event-store.contract';

/**
 * The event-store contract against a real KurrentDB (or EventStoreDB 22.6+) server, when
 * KURRENTDB_URL names one, e.g. kurrentdb://127.0.0.1:2113?tls=false.
 *
 * A server is shared and keeps everything: the contract's tests each expect a store of their own,
 * empty, with streams named 'incident-1', 'a', 'b'... So each test gets a namespace: its streams
 * are stored as 'contract-<uuid>-<name>', the store's global log is $all filtered on that prefix
 * (so it sees neither other tests nor the application's incident-/source- streams, nor do they
 * see it), and reading starts from the end of $all as it was when the test began, so that the
 * server does not scan the whole log for each read from 0.
 *
 * Known difference: KurrentDB cannot look an event id up across streams, so the contract's two
 * cases that send an id already stored in ANOTHER stream are skipped, saying so (see planAppend in
 * kurrentdb-mapping.ts).
 */
const url = process.env.KURRENTDB_URL;

/** One test's view of the server: stream names inside its namespace, the log from when it began. */
class NamespacedStore extends EventStore {
  readonly kind = 'kurrentdb' as const;

  constructor(readonly inner: KurrentDbEventStore, private readonly namespace: string, private readonly begin: GlobalPosition) {
    super();
  }

  async append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    try {
      const result = await this.inner.append(this.namespace + streamId, events, expectedVersion);
      return { ...result, events: result.events.map((e) => this.outside(e)) };
    } catch (error) {
      if (error instanceof WrongExpectedVersion) throw new WrongExpectedVersion(streamId, error.expected, error.actual);
      throw error;
    }
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    return (await this.inner.readStream(this.namespace + streamId, afterVersion)).map((e) => this.outside(e));
  }

  async readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    return (await this.inner.readAll(Math.max(after, this.begin), limit)).map((e) => this.outside(e));
  }

  headPosition(): Promise<GlobalPosition> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private outside(event: StoredEvent): StoredEvent {
    return { ...event, streamId: event.streamId.slice(this.namespace.length) };
  }
}

/** The position of the last record in $all, whoever wrote it: reads of a new namespace start there. */
async function endOfAll(connectionString: string): Promise<GlobalPosition> {
  const client = KurrentDBClient.connectionString(connectionString);
  try {
    for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
      if (commit !== undefined) return Number(commit);
    }
    return 0;
  } catch {
    // A user not allowed to read all of $all: read from the start (slower, as right).
    return 0;
  } finally {
    await client.dispose();
  }
}

async function openNamespace(connectionString: string): Promise<{ store: NamespacedStore; reopen: () => Promise<NamespacedStore> }> {
  const namespace = `contract-${randomUUID().replaceAll('-', '')}-`;
  const begin = await endOfAll(connectionString);
  const connect = () => new NamespacedStore(new KurrentDbEventStore(connectionString, { streamPrefixes: [namespace] }), namespace, begin);
  return { store: connect(), reopen: async () => connect() };
}

if (!url) {
  // Straight to stderr: jest drops the console output of a file whose tests are all skipped.
  process.stderr.write('KurrentDB contract suite not run: set KURRENTDB_URL (docker compose --profile kurrentdb up)\n');
  describe.skip('KurrentDB event store (not run: KURRENTDB_URL is not set)', () => {
    it('passes the event-store contract on a KurrentDB server', () => undefined);
  });
} else {
  describeEventStoreContract(
    'KurrentDB',
    async () => {
      const { store, reopen } = await openNamespace(url);
      return { store, reopen, close: () => store.close() };
    },
    { eventIdsAcrossStreams: false },
  );

  describe('KurrentDB event store, specifically', () => {
    let store: NamespacedStore;

    beforeEach(async () => {
      ({ store } = await openNamespace(url));
    });

    afterEach(() => store.close());

    it('delivers to a catch-up subscription the events already there, then each new one, in global order', async () => {
      const { events: before } = await store.append('incident-1', [anEvent(), anEvent()], NO_STREAM);
      const seen: StoredEvent[] = [];
      const subscription = store.inner.subscribeFrom(before[0].globalPosition, async (event) => {
        seen.push(event);
      });
      try {
        const { events: after } = await store.append('incident-2', [anEvent()], NO_STREAM);
        const deadline = Date.now() + 10_000;
        while (seen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

        expect(seen.map((e) => e.eventId)).toEqual([before[1].eventId, after[0].eventId]);
        expect(seen.map((e) => e.globalPosition)).toEqual([before[1].globalPosition, after[0].globalPosition]);
      } finally {
        await subscription.stop();
      }
    });

    it('gives each event of an append its own $all position and the same record time, on reads of the stream and of the log alike', async () => {
      const { events } = await store.append('incident-1', Array.from({ length: 20 }, () => anEvent()), NO_STREAM);

      expect(new Set(events.map((e) => e.globalPosition)).size).toBe(20);
      expect(new Set(events.map((e) => e.recordedAt)).size).toBe(1);
      expect(await store.readAll(events[9].globalPosition, 5)).toEqual(events.slice(10, 15));
    });
  });
}
