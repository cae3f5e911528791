import { randomUUID } from 'node:crypto';
import { EventIdConflict, WrongExpectedVersion } from '../../src/event-store/event-store.errors';
import { EventStore, EventToAppend, NO_STREAM, StoredEvent } from '../../src/event-store/event-store.port';

export interface EventStoreUnderTest {
  store: EventStore;
  /** Opens another store on the same data, over another connection (the caller closes it). */
  reopen?: () => Promise<EventStore>;
  /**
   * Runs SQL on the store's database through a raw connection, around the adapter. The events
   * table must refuse changes with an error that says "append-only". Absent for stores without SQL.
   */
  rawSql?: { dialect: 'sqlite' | 'postgres'; execute: (sql: string) => Promise<unknown> };
  close: () => Promise<void>;
}

/**
 * What every event-store adapter promises (see the EventStore port and DESIGN.md §6). Each test
 * gets a store of its own, empty.
 */
/** What a store cannot promise, said up front; the cases that need it are skipped and say why. */
export interface StoreLimits {
  /** KurrentDB deduplicates ids within a stream only: it cannot find an id stored in another stream. */
  eventIdsAcrossStreams?: false;
}

export function describeEventStoreContract(name: string, open: () => Promise<EventStoreUnderTest>, limits: StoreLimits = {}): void {
  const acrossStreams = limits.eventIdsAcrossStreams !== false;
  if (!acrossStreams) console.warn(`${name}: the two cases with an event id already stored in another stream are skipped (the store cannot look ids up across streams)`);
  const itAcrossStreams = acrossStreams ? it : it.skip;
  describe(`${name} event store`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;
    const others: EventStore[] = [];

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });

    afterEach(async () => {
      await Promise.all(others.splice(0).map((other) => other.close()));
      await subject.close();
    });

    async function anotherConnection(): Promise<EventStore> {
      const other = await subject.reopen!();
      others.push(other);
      return other;
    }

    const everything = () => store.readAll(0, 1_000_000);

    async function expectNoTrace(before: { head: number; log: StoredEvent[]; streams: Record<string, StoredEvent[]> }) {
      expect(await store.headPosition()).toBe(before.head);
      expect(await everything()).toEqual(before.log);
      for (const [streamId, events] of Object.entries(before.streams)) expect(await store.readStream(streamId)).toEqual(events);
    }

    async function snapshot(...streamIds: string[]) {
      const streams: Record<string, StoredEvent[]> = {};
      for (const streamId of streamIds) streams[streamId] = await store.readStream(streamId);
      return { head: await store.headPosition(), log: await everything(), streams };
    }

    describe('appending to a new stream', () => {
      it('numbers the events from version 1, gives them increasing global positions and a record time', async () => {
        const events = [anEvent(), anEvent(), anEvent()];

        const result = await store.append('incident-1', events, NO_STREAM);

        expect(result.appendedCount).toBe(3);
        expect(result.streamVersion).toBe(3);
        expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(result.events.map((e) => e.streamId)).toEqual(['incident-1', 'incident-1', 'incident-1']);
        expectIncreasing(result.events.map((e) => e.globalPosition));
        expect(result.events[0].globalPosition).toBeGreaterThan(0);
        for (const event of result.events) expect(event.recordedAt).toMatch(ISO_INSTANT);
        expect(result.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      });

      it('keeps every field of the event exactly as given, and answers reads with the event the append returned', async () => {
        const event = anEvent({
          data: {
            killed: { low: 7, best: 7, high: 7 },
            wording: 'sept terroristes ont été neutralisés',
            place: { name: 'Gourma', precision: 'region', point: null },
            tags: ['MQ-9 Reaper', 'raid héliporté'],
            ratio: 0.125,
            flag: false,
          },
          source: { sourceId: 'barkhane-2018-11-12', excerpt: 'l’un des chefs de la katiba du Gourma' },
          confidence: 'probable',
          correlationId: randomUUID(),
          causationId: randomUUID(),
        });

        const [appended] = (await store.append('incident-1', [event], NO_STREAM)).events;

        expect(appended).toEqual({ ...event, streamId: 'incident-1', streamVersion: 1, globalPosition: appended.globalPosition, recordedAt: appended.recordedAt });
        expect(await store.readStream('incident-1')).toEqual([appended]);
        expect(await store.readAll(0, 10)).toEqual([appended]);
        expect(await store.headPosition()).toBe(appended.globalPosition);
      });

      it('shows an empty log and an empty stream before anything is appended', async () => {
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll(0, 10)).toEqual([]);
        expect(await store.readStream('incident-1')).toEqual([]);
      });
    });

    describe('expected version', () => {
      it('refuses NO_STREAM when the stream already exists', async () => {
        await store.append('incident-1', [anEvent()], NO_STREAM);

        const error = await store.append('incident-1', [anEvent()], NO_STREAM).catch((e: unknown) => e);

        expect(error).toBeInstanceOf(WrongExpectedVersion);
        expect(error).toMatchObject({ streamId: 'incident-1', expected: NO_STREAM, actual: 1 });
      });

      it('refuses a stale version and a version the stream has not reached', async () => {
        await store.append('incident-1', [anEvent(), anEvent()], NO_STREAM);

        await expect(store.append('incident-1', [anEvent()], 1)).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(store.append('incident-1', [anEvent()], 3)).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(store.append('incident-2', [anEvent()], 1)).rejects.toBeInstanceOf(WrongExpectedVersion);
      });

      it('appends when the stream is at the expected version', async () => {
        await store.append('incident-1', [anEvent()], NO_STREAM);

        const result = await store.append('incident-1', [anEvent(), anEvent()], 1);

        expect(result.streamVersion).toBe(3);
        expect(result.events.map((e) => e.streamVersion)).toEqual([2, 3]);
      });

      it("appends with 'any' whatever the stream's version, new or existing", async () => {
        expect((await store.append('incident-1', [anEvent()], 'any')).streamVersion).toBe(1);
        expect((await store.append('incident-1', [anEvent(), anEvent()], 'any')).streamVersion).toBe(3);
        expect((await store.readStream('incident-1')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('reads a stream after a version: only the later events, none past the end', async () => {
        const appended = await store.append('incident-1', [anEvent(), anEvent(), anEvent()], NO_STREAM);
        expect(await store.readStream('incident-1', 1)).toEqual(appended.events.slice(1));
        expect(await store.readStream('incident-1', 3)).toEqual([]);
        expect(await store.readStream('incident-9', 0)).toEqual([]);
      });
    });

    describe('work in the append transaction (appendWithin)', () => {
      it("runs where the store keeps read models in its own database, sees the events stored, and commits with them; elsewhere it is left out", async () => {
        const seen: string[] = [];
        const result = await store.appendWithin('incident-1', [anEvent(), anEvent()], NO_STREAM, async (appended) => {
          seen.push(...appended.map((e) => e.eventId));
        });
        expect(await store.readStream('incident-1')).toEqual(result.events);
        expect(seen).toEqual(store.kind === 'sqlite' ? result.events.map((e) => e.eventId) : []);
      });

      it('a failure of the work stores nothing of the append, where the work runs', async () => {
        const before = await snapshot('incident-1');
        const append = store.appendWithin('incident-1', [anEvent()], NO_STREAM, async () => {
          throw new Error('the read models could not be written');
        });
        if (store.kind !== 'sqlite') {
          await append;
          return;
        }
        await expect(append).rejects.toThrow('the read models could not be written');
        await expectNoTrace(before);
      });
    });

    describe('a failed append leaves no trace', () => {
      it('after a wrong expected version: stream and log unchanged, and the next append at the right version succeeds', async () => {
        await store.append('incident-1', [anEvent(), anEvent()], NO_STREAM);
        await store.append('incident-2', [anEvent()], NO_STREAM);
        const before = await snapshot('incident-1', 'incident-2');
        const refused = [anEvent(), anEvent()];

        await expect(store.append('incident-1', refused, 1)).rejects.toBeInstanceOf(WrongExpectedVersion);

        await expectNoTrace(before);
        const next = await store.append('incident-1', refused, 2);
        expect(next.appendedCount).toBe(2);
        expect(next.events.map((e) => e.streamVersion)).toEqual([3, 4]);
        expect(next.events[0].globalPosition).toBeGreaterThan(before.head);
        expect((await store.readStream('incident-1')).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
      });

      itAcrossStreams('after an event id conflict on the second event of a batch: nothing of the batch is stored, and its first event can still be appended', async () => {
        const elsewhere = anEvent();
        await store.append('incident-1', [elsewhere], NO_STREAM);
        await store.append('incident-2', [anEvent()], NO_STREAM);
        const before = await snapshot('incident-1', 'incident-2');
        const first = anEvent();
        const clash = anEvent({ eventId: elsewhere.eventId });

        await expect(store.append('incident-2', [first, clash], 1)).rejects.toBeInstanceOf(EventIdConflict);

        await expectNoTrace(before);
        const next = await store.append('incident-2', [first], 1);
        expect(next.appendedCount).toBe(1);
        expect(next.events[0].streamVersion).toBe(2);
      });

      it('after a batch that repeats one id with different content: refused as an id conflict, nothing stored', async () => {
        await store.append('incident-1', [anEvent()], NO_STREAM);
        const before = await snapshot('incident-1');
        const twice = anEvent();

        await expect(
          store.append('incident-1', [anEvent(), twice, anEvent({ eventId: twice.eventId, data: { other: true } })], 1),
        ).rejects.toBeInstanceOf(EventIdConflict);

        await expectNoTrace(before);
      });
    });

    describe('a batch of events', () => {
      it('is stored whole, in order, at consecutive stream versions', async () => {
        const batch = Array.from({ length: 10 }, (_, i) => anEvent({ data: { index: i } }));

        await store.append('incident-1', [anEvent()], NO_STREAM);
        const result = await store.append('incident-1', batch, 1);

        const stream = await store.readStream('incident-1');
        expect(stream.slice(1)).toEqual(result.events);
        expect(stream.slice(1).map((e) => (e.data as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(stream.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        expectIncreasing(stream.map((e) => e.globalPosition));
      });

      it('takes one record time for all its events', async () => {
        const result = await store.append('incident-1', [anEvent(), anEvent(), anEvent()], NO_STREAM);

        expect(new Set(result.events.map((e) => e.recordedAt)).size).toBe(1);
      });

      it('stores nothing for an empty batch', async () => {
        await store.append('incident-1', [anEvent()], NO_STREAM);

        const result = await store.append('incident-1', [], 1);

        expect(result).toEqual({ streamVersion: 1, events: [], appendedCount: 0 });
        expect(await store.headPosition()).toBe((await everything())[0].globalPosition);
      });
    });

    describe('event ids', () => {
      it('stores an event sent twice once, and answers the second time with the stored event', async () => {
        const event = anEvent();
        const [stored] = (await store.append('incident-1', [event], NO_STREAM)).events;

        // A client that did not hear the answer retries the same request, expected version included.
        const again = await store.append('incident-1', [event], NO_STREAM);

        expect(again.appendedCount).toBe(0);
        expect(again.streamVersion).toBe(1);
        expect(again.events).toEqual([stored]);
        expect(await everything()).toEqual([stored]);
      });

      it('treats the same event sent by someone else, in another request, as the same event', async () => {
        const event = anEvent();
        const [stored] = (await store.append('incident-1', [event], NO_STREAM)).events;

        const again = await store.append('incident-1', [{ ...event, recordedBy: 'someone-else', correlationId: randomUUID() }], 'any');

        expect(again.appendedCount).toBe(0);
        expect(again.events).toEqual([stored]);
        expect(again.events[0].recordedBy).toBe(event.recordedBy);
      });

      it('stores only the new events of a batch that repeats an already stored one', async () => {
        const old = anEvent();
        const [stored] = (await store.append('incident-1', [old], NO_STREAM)).events;
        const fresh = anEvent();

        const result = await store.append('incident-1', [old, fresh], 1);

        expect(result.appendedCount).toBe(1);
        expect(result.streamVersion).toBe(2);
        expect(result.events[0]).toEqual(stored);
        expect(result.events[1]).toMatchObject({ eventId: fresh.eventId, streamVersion: 2 });
        expect((await everything()).map((e) => e.eventId)).toEqual([old.eventId, fresh.eventId]);
      });

      it.each([
        ['other data', (e: EventToAppend) => ({ ...e, data: { ...(e.data as object), killed: 8 } }), 'incident-1'],
        ['another type', (e: EventToAppend) => ({ ...e, type: 'CasualtiesReported' }), 'incident-1'],
        ['another source', (e: EventToAppend) => ({ ...e, source: { sourceId: 'another-communique', excerpt: 'sept' } }), 'incident-1'],
        ['another confidence', (e: EventToAppend) => ({ ...e, confidence: 'possible' }), 'incident-1'],
        ...(acrossStreams ? [['the same content in another stream', (e: EventToAppend) => e, 'incident-2'] as const] : []),
      ] as const)('refuses an id already stored with %s as an id conflict, storing nothing', async (_case, change, streamId) => {
        const event = anEvent({ confidence: 'confirmed' });
        await store.append('incident-1', [event], NO_STREAM);
        const before = await snapshot('incident-1', 'incident-2');

        const error = await store.append(streamId, [change(event)], 'any').catch((e: unknown) => e);

        expect(error).toBeInstanceOf(EventIdConflict);
        expect(error).toMatchObject({ eventId: event.eventId });
        await expectNoTrace(before);
      });
    });

    describe('append-only', () => {
      const ifRawSql = (test: () => Promise<void>) => async () => {
        if (!subject.rawSql) return notRun(`${name}: the append-only case needs SQL access to the store, which it has not`);
        await test();
      };

      it(
        'is enforced by the database itself: UPDATE and DELETE on the events table fail, and the events stay as they were',
        ifRawSql(async () => {
          await store.append('incident-1', [anEvent(), anEvent()], NO_STREAM);
          const before = await snapshot('incident-1');
          const tampering = [
            `UPDATE events SET type = 'Tampered'`,
            `UPDATE events SET data = '{}' WHERE stream_version = 2`,
            `DELETE FROM events WHERE stream_version = 1`,
            `DELETE FROM events`,
            ...(subject.rawSql!.dialect === 'postgres' ? ['TRUNCATE events'] : []),
          ];

          // By message: better-sqlite3's errors come from another realm in jest, so they fail `instanceof Error`.
          for (const sql of tampering) expect(await refusalOf(subject.rawSql!.execute(sql))).toMatch(/append-only/);

          await expectNoTrace(before);
        }),
      );
    });

    describe('reading a stream', () => {
      it('gives only that stream, in version order', async () => {
        await store.append('incident-1', [anEvent({ data: { n: 1 } })], NO_STREAM);
        await store.append('incident-2', [anEvent()], NO_STREAM);
        await store.append('incident-1', [anEvent({ data: { n: 2 } }), anEvent({ data: { n: 3 } })], 1);
        await store.append('incident-2', [anEvent()], 1);
        await store.append('incident-1', [anEvent({ data: { n: 4 } })], 3);

        const stream = await store.readStream('incident-1');

        expect(stream.map((e) => e.streamId)).toEqual(['incident-1', 'incident-1', 'incident-1', 'incident-1']);
        expect(stream.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
        expect(stream.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
      });
    });

    describe('reading the global log', () => {
      it('gives, in pages of 3, each of 10 events of 3 streams exactly once and in global order', async () => {
        const appended: StoredEvent[] = [];
        const plan: Array<[string, number]> = [['a', 2], ['b', 1], ['c', 3], ['a', 1], ['b', 2], ['c', 1]];
        for (const [streamId, count] of plan) {
          const result = await store.append(streamId, Array.from({ length: count }, () => anEvent()), 'any');
          appended.push(...result.events);
        }

        const pages: StoredEvent[][] = [];
        let after = 0;
        for (;;) {
          const page = await store.readAll(after, 3);
          if (page.length === 0) break;
          pages.push(page);
          after = page[page.length - 1].globalPosition;
        }

        expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
        const read = pages.flat();
        expect(read).toEqual(appended);
        expectIncreasing(read.map((e) => e.globalPosition));
        expect(new Set(read.map((e) => e.eventId)).size).toBe(10);
        expect(await store.headPosition()).toBe(read[9].globalPosition);
        expect(await store.readAll(read[9].globalPosition, 3)).toEqual([]);
      });

      it('starts right after the position it is given', async () => {
        const { events } = await store.append('incident-1', [anEvent(), anEvent(), anEvent(), anEvent()], NO_STREAM);

        expect(await store.readAll(events[1].globalPosition, 10)).toEqual(events.slice(2));
        expect(await store.readAll(events[1].globalPosition, 1)).toEqual(events.slice(2, 3));
      });
    });

    describe('reading stream after stream (what a rebuild reads)', () => {
      it('gives, in pages of 4, each event up to a position exactly once, streams in the order of their ids, each in order', async () => {
        const appended: StoredEvent[] = [];
        const plan: Array<[string, number]> = [['c', 2], ['a', 1], ['b', 3], ['c', 1], ['a', 2], ['b', 1]];
        for (const [streamId, count] of plan) appended.push(...(await store.append(streamId, Array.from({ length: count }, () => anEvent()), 'any')).events);
        const until = appended.at(-1)!.globalPosition;
        await store.append('a', [anEvent()], 'any');

        const first = await store.readByStream(null, until, 4);
        if (first === null) return notRun(`${name}: the store cannot read stream after stream (a rebuild reads its log in global order)`);
        const pages = [first];
        for (let last = first.at(-1); last; last = pages.at(-1)!.at(-1)) {
          const page = await store.readByStream({ streamId: last.streamId, streamVersion: last.streamVersion }, until, 4);
          if (page === null || page.length === 0) break;
          pages.push(page);
        }

        expect(pages.map((page) => page.length)).toEqual([4, 4, 2]);
        const byStream = (streamId: string) => appended.filter((e) => e.streamId === streamId);
        expect(pages.flat()).toEqual([...byStream('a'), ...byStream('b'), ...byStream('c')]);
      });
    });

    describe('visibility to other readers', () => {
      const ifReopen = (test: () => Promise<void>) => async () => {
        if (!subject.reopen) return notRun(`${name}: the case with another connection is not run (the store cannot be reopened)`);
        await test();
      };

      it(
        'shows an append to a reader on another connection as soon as the append has answered',
        ifReopen(async () => {
          const reader = await anotherConnection();
          let after = 0;
          for (let i = 0; i < 25; i++) {
            const { events } = await store.append(`incident-${i % 3}`, [anEvent(), anEvent()], 'any');

            expect((await reader.readAll(after, 100)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
            expect(await reader.headPosition()).toBe(events[1].globalPosition);
            expect((await reader.readStream(`incident-${i % 3}`)).slice(-2)).toEqual(events);
            after = events[1].globalPosition;
          }
        }),
      );

      it(
        'shows each of many concurrent appends in its stream on another connection as soon as that append has answered',
        ifReopen(async () => {
          const reader = await anotherConnection();
          const unseen: string[] = [];

          await Promise.all(
            Array.from({ length: 20 }, async (_, writer) => {
              for (let i = 0; i < 5; i++) {
                const { events } = await store.append(`incident-${writer}`, [anEvent()], i);
                const stream = await reader.readStream(`incident-${writer}`);
                if (!stream.some((e) => e.eventId === events[0].eventId)) unseen.push(events[0].eventId);
              }
            }),
          );

          expect(unseen).toEqual([]);
        }),
      );
    });

    describe('concurrent writers', () => {
      it('are all seen by readers tailing the log: every event exactly once, in increasing order, no position skipped', async () => {
        const writers = 20;
        const eventsPerWriter = 25;
        const batchSizes = [1, 2, 3, 4, 5];
        const acknowledged: StoredEvent[][] = [];
        let writing = true;

        const write = async (writer: number) => {
          let version = 0;
          let batch = writer;
          while (version < eventsPerWriter) {
            const size = Math.min(batchSizes[batch++ % batchSizes.length], eventsPerWriter - version);
            const result = await store.append(`incident-${writer}`, Array.from({ length: size }, () => anEvent()), version);
            acknowledged.push(result.events);
            version = result.streamVersion;
          }
        };

        // A reader that passes a position before it commits never sees it: it is skipped for good.
        const tail = async (pageSize: number) => {
          const seen: StoredEvent[] = [];
          let after = 0;
          for (;;) {
            const stillWriting = writing;
            const page = await store.readAll(after, pageSize);
            seen.push(...page);
            if (page.length > 0) after = page[page.length - 1].globalPosition;
            else if (!stillWriting) return seen;
            else await new Promise((resolve) => setTimeout(resolve, 1));
          }
        };

        // Several readers, paging differently, to be reading at more of the moments that matter.
        const readers = Promise.all([1, 3, 7, 50, 1000].map(tail));
        await Promise.all(Array.from({ length: writers }, (_, writer) => write(writer)));
        writing = false;
        const views = await readers;

        const appended = acknowledged.flat().sort((x, y) => x.globalPosition - y.globalPosition);
        expect(appended).toHaveLength(writers * eventsPerWriter);
        for (const seen of views) {
          expectIncreasing(seen.map((e) => e.globalPosition));
          expect(seen.map((e) => e.globalPosition)).toEqual(appended.map((e) => e.globalPosition));
          expect(seen.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
        }
        // Batches are atomic in the log too: no other writer's event lands inside one.
        const order = new Map(views[0].map((e, index) => [e.eventId, index]));
        for (const batch of acknowledged) {
          const indexes = batch.map((e) => order.get(e.eventId)!);
          expect(indexes).toEqual(indexes.map((_, i) => indexes[0] + i));
        }
        for (let writer = 0; writer < writers; writer++) {
          expect((await store.readStream(`incident-${writer}`)).map((e) => e.streamVersion)).toEqual(
            Array.from({ length: eventsPerWriter }, (_, i) => i + 1),
          );
        }
      });

      it("lets writers racing on one stream with 'any' all succeed, each event once, at distinct consecutive versions", async () => {
        const results = await Promise.all(Array.from({ length: 10 }, () => store.append('incident-1', [anEvent(), anEvent()], 'any')));

        expect(results.map((r) => r.appendedCount)).toEqual(Array(10).fill(2));
        const stream = await store.readStream('incident-1');
        expect(stream.map((e) => e.streamVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(stream.map((e) => e.eventId)).size).toBe(20);
      });

      it('lets exactly one of the writers racing at the same expected version win; the others get WrongExpectedVersion', async () => {
        await store.append('incident-1', [anEvent()], NO_STREAM);

        const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.append('incident-1', [anEvent()], 1)));

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
          expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
        }
        expect((await store.readStream('incident-1')).map((e) => e.streamVersion)).toEqual([1, 2]);
      });
    });
  });
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function expectIncreasing(values: number[]): void {
  values.slice(1).forEach((value, i) => {
    if (!(value > values[i])) throw new Error(`not strictly increasing at index ${i + 1}: ${values[i]} then ${value}`);
  });
}

/** A casualties fact as the Barkhane communiqué states it. */
export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'CasualtiesRecorded',
    schemaVersion: 1,
    data: { category: 'hostile-combatants', killed: 7, wording: 'neutralisés' },
    source: { sourceId: 'barkhane-2018-11-12', excerpt: 'sept terroristes ont été neutralisés' },
    confidence: 'confirmed',
    recordedBy: 'analyst@example.org',
    correlationId: null,
    causationId: null,
    ...overrides,
  };
}

/** Why a promise was refused, or null if it was not. */
const refusalOf = (promise: Promise<unknown>): Promise<string | null> =>
  promise.then(
    () => null,
    (error: unknown) => String((error as { message?: unknown }).message ?? error),
  );

/** A case a store cannot run says so on stderr (jest keeps no console output of it). */
function notRun(reason: string): void {
  process.stderr.write(`${reason}\n`);
}
