import { START, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { EventIdConflict, WrongExpectedVersion } from '../../../src/event-store/event-store.errors';
import { EventToAppend, NO_STREAM, StoredEvent } from '../../../src/event-store/event-store.port';
import {
  OUR_STREAM_PREFIXES, RecordedEventLike, appendHeadOf, createdTimes, eventsAfter, globalPositionOf, isOurEvent, missingAppendHeads,
  ourStreamsFilter, planAppend, readFrom, readMetadata, recordTime, toEventData, toMetadata, toStoredEvent, toStoredEvents, toStreamState,
  toWrongExpectedVersion, versionFromRevision, versionFromStreamState,
} from '../../../src/event-store/kurrentdb/kurrentdb-mapping';

const INCIDENT = 'incident-0190b7c4-5f3e-7a21-9c1d-2f6a8e4b1c00';

function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: '0190b7c4-6000-7000-8000-000000000001',
    type: 'CasualtiesRecorded',
    schemaVersion: 2,
    data: { category: 'hostile-combatants', killed: { low: 7, best: 7, high: 7 }, wording: 'neutralisés' },
    source: { sourceId: 'barkhane-2018-11-12', excerpt: 'sept terroristes ont été neutralisés' },
    confidence: 'confirmed',
    recordedBy: 'analyst@example.org',
    correlationId: '0190b7c4-6000-7000-8000-0000000000c0',
    causationId: '0190b7c4-6000-7000-8000-0000000000ca',
    ...overrides,
  };
}

/** A JSON event as the client gives it back after `anEvent()` was appended at this revision and position. */
function aRecordedEvent(overrides: Partial<RecordedEventLike> & { appendIndex?: number } = {}): RecordedEventLike {
  const { appendIndex = 0, ...rest } = overrides;
  const event = anEvent();
  return {
    streamId: INCIDENT,
    id: event.eventId,
    type: event.type,
    revision: 0n,
    created: new Date('2026-03-01T10:15:30.123Z'),
    isJson: true,
    data: event.data,
    metadata: JSON.parse(JSON.stringify(toMetadata(event, appendIndex))),
    position: { commit: 48_213n, prepare: 48_213n },
    ...rest,
  };
}

describe('KurrentDB mapping', () => {
  describe('expected version → stream state (our versions start at 1, KurrentDB revisions at 0)', () => {
    it("asks for a stream that does not exist yet when we expect NO_STREAM", () => {
      expect(toStreamState(NO_STREAM)).toBe('no_stream');
    });

    it('asks for revision n - 1 when we expect version n', () => {
      expect(toStreamState(1)).toBe(0n);
      expect(toStreamState(2)).toBe(1n);
      expect(toStreamState(1_000)).toBe(999n);
    });

    it("asks for nothing with 'any'", () => {
      expect(toStreamState('any')).toBe('any');
    });

    it('refuses a version that is negative or not whole', () => {
      expect(() => toStreamState(-1)).toThrow(RangeError);
      expect(() => toStreamState(1.5)).toThrow(RangeError);
    });
  });

  describe('stream state → version', () => {
    it('counts a stream that does not exist as version 0', () => {
      expect(versionFromStreamState('no_stream')).toBe(0);
    });

    it('counts a stream whose last event is at revision r as version r + 1', () => {
      expect(versionFromStreamState(0n)).toBe(1);
      expect(versionFromStreamState(41n)).toBe(42);
      expect(versionFromRevision(0n)).toBe(1);
    });

    it('counts a deleted stream (a negative revision) as version 0', () => {
      expect(versionFromStreamState(-5n)).toBe(0);
    });
  });

  describe("the client's WrongExpectedVersionError → our WrongExpectedVersion", () => {
    it('names the stream, keeps the expected version as we gave it, and reports the actual version counted from 1', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: INCIDENT, expected: 0n, current: 2n });

      const ours = toWrongExpectedVersion(INCIDENT, 1, error);

      expect(ours).toBeInstanceOf(WrongExpectedVersion);
      expect(ours).toMatchObject({ streamId: INCIDENT, expected: 1, actual: 3 });
    });

    it('reports version 0 when the stream does not exist', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: INCIDENT, expected: 0n, current: 'no_stream' });

      expect(toWrongExpectedVersion(INCIDENT, 1, error)).toMatchObject({ expected: 1, actual: 0 });
    });

    it('reports version 1 when NO_STREAM was expected but the stream has one event', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: INCIDENT, expected: 'no_stream', current: 0n });

      expect(toWrongExpectedVersion(INCIDENT, NO_STREAM, error)).toMatchObject({ expected: NO_STREAM, actual: 1 });
    });
  });

  describe('our event → KurrentDB event data', () => {
    it('uses our event id as the KurrentDB event id, our type as its type, and our data as its JSON data', () => {
      const event = anEvent();

      const data = toEventData(event, 0);

      expect(data).toEqual(expect.objectContaining({ id: event.eventId, type: 'CasualtiesRecorded', contentType: 'application/json', data: event.data }));
    });

    it('writes the event id in lowercase, the spelling KurrentDB gives back', () => {
      expect(toEventData(anEvent({ eventId: '0190B7C4-6000-7000-8000-00000000000A' }), 0).id).toBe('0190b7c4-6000-7000-8000-00000000000a');
    });

    it('puts schema version, provenance, confidence, author and the place in the append in the metadata, with correlation and causation under their $ names', () => {
      expect(toEventData(anEvent(), 2).metadata).toEqual({
        schemaVersion: 2,
        source: { sourceId: 'barkhane-2018-11-12', excerpt: 'sept terroristes ont été neutralisés' },
        confidence: 'confirmed',
        recordedBy: 'analyst@example.org',
        appendIndex: 2,
        $correlationId: '0190b7c4-6000-7000-8000-0000000000c0',
        $causationId: '0190b7c4-6000-7000-8000-0000000000ca',
      });
    });

    it('leaves out correlation and causation when there are none, and keeps a null source and confidence', () => {
      const metadata = toMetadata(anEvent({ correlationId: null, causationId: null, source: null, confidence: null }), 0);

      expect(metadata).toEqual({ schemaVersion: 2, source: null, confidence: null, recordedBy: 'analyst@example.org', appendIndex: 0 });
      expect(Object.keys(metadata)).not.toContain('$correlationId');
    });
  });

  describe('KurrentDB recorded event → stored event', () => {
    it('gives back every field of the appended event', () => {
      const stored = toStoredEvent(aRecordedEvent());

      expect(stored).toEqual({ ...anEvent(), streamId: INCIDENT, streamVersion: 1, globalPosition: 48_213, recordedAt: '2026-03-01T10:15:30.123Z' });
    });

    it('numbers the version from the revision plus one', () => {
      expect(toStoredEvent(aRecordedEvent({ revision: 6n })).streamVersion).toBe(7);
    });

    it('takes the global position from the commit position in $all', () => {
      expect(toStoredEvent(aRecordedEvent({ position: { commit: 9_007_199n, prepare: 9_007_199n } })).globalPosition).toBe(9_007_199);
    });

    it("takes the record time from KurrentDB's 'created' date, as an ISO instant in UTC with milliseconds", () => {
      const stored = toStoredEvent(aRecordedEvent({ created: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) }));

      expect(stored.recordedAt).toBe('2026-01-02T03:04:05.006Z');
      expect(recordTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05.000Z');
    });

    it('gives a null correlation and causation when the metadata has none', () => {
      const recorded = aRecordedEvent({ metadata: toMetadata(anEvent({ correlationId: null, causationId: null }), 0) });

      expect(toStoredEvent(recorded)).toMatchObject({ correlationId: null, causationId: null });
    });

    it('reads an event without metadata (written by another tool) with neutral values', () => {
      expect(readMetadata(aRecordedEvent({ metadata: undefined }))).toEqual({
        schemaVersion: 1, source: null, confidence: null, recordedBy: 'unknown', appendIndex: 0,
      });
    });

    it('refuses a binary event: it was not written by this application', () => {
      expect(() => toStoredEvent(aRecordedEvent({ isJson: false, data: new Uint8Array([1]) }))).toThrow(/not JSON/);
    });
  });

  describe('one record time per append', () => {
    // The server stamps each event as it writes it, so the events of one append can differ by a millisecond.
    const first = aRecordedEvent({ id: 'a', revision: 3n, created: new Date('2026-03-01T10:00:00.999Z'), appendIndex: 0 });
    const second = aRecordedEvent({ id: 'b', revision: 4n, created: new Date('2026-03-01T10:00:01.000Z'), appendIndex: 1 });
    const third = aRecordedEvent({ id: 'c', revision: 5n, created: new Date('2026-03-01T10:00:01.000Z'), appendIndex: 2 });

    it('finds the first event of the append an event belongs to, appendIndex revisions earlier in its stream', () => {
      expect(appendHeadOf(third)).toEqual({ streamId: INCIDENT, revision: 3n });
      expect(appendHeadOf(first)).toEqual({ streamId: INCIDENT, revision: 3n });
    });

    it('gives every event of an append the time of its first event', () => {
      const stored = toStoredEvents([first, second, third], createdTimes([first, second, third]));

      expect(stored.map((e) => e.recordedAt)).toEqual(['2026-03-01T10:00:00.999Z', '2026-03-01T10:00:00.999Z', '2026-03-01T10:00:00.999Z']);
    });

    it('names the first events it lacks, so that a page starting inside an append can look them up', () => {
      expect(missingAppendHeads([second, third], createdTimes([second, third]))).toEqual([{ streamId: INCIDENT, revision: 3n }]);
      expect(missingAppendHeads([first, second], createdTimes([first, second]))).toEqual([]);
    });

    it("falls back on the event's own time when the first event is unknown, or the index points before the stream", () => {
      expect(toStoredEvents([third], new Map())[0].recordedAt).toBe('2026-03-01T10:00:01.000Z');
      expect(appendHeadOf(aRecordedEvent({ revision: 1n, appendIndex: 5 }))).toEqual({ streamId: INCIDENT, revision: 1n });
    });
  });

  describe('global positions', () => {
    it('refuses an event whose $all position the server did not give (EventStoreDB before 22.6 sends 2^64 - 1 on stream reads)', () => {
      expect(() => globalPositionOf(aRecordedEvent({ position: undefined }))).toThrow(/no \$all position/);
      expect(() => globalPositionOf(aRecordedEvent({ position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } }))).toThrow(/22\.6/);
    });

    it("uses the resolved event's commit position when the record has none", () => {
      expect(globalPositionOf(aRecordedEvent({ position: undefined }), 777n)).toBe(777);
    });

    it('refuses a position a JS number cannot hold exactly, rather than round it', () => {
      const beyond = BigInt(Number.MAX_SAFE_INTEGER) + 1n;

      expect(() => globalPositionOf(aRecordedEvent({ position: { commit: beyond, prepare: beyond } }))).toThrow(RangeError);
    });
  });

  describe('reading the global log', () => {
    it('reads $all filtered on our stream prefixes, incident- and source-', () => {
      expect(OUR_STREAM_PREFIXES).toEqual(['incident-', 'source-']);
      expect(ourStreamsFilter()).toMatchObject({ filterOn: 'streamName', prefixes: ['incident-', 'source-'] });
    });

    it('reads from the start for position 0, and from the position itself otherwise', () => {
      expect(readFrom(0)).toBe(START);
      expect(readFrom(48_213)).toEqual({ commit: 48_213n, prepare: 48_213n });
    });

    it('drops the event at the position read from (KurrentDB includes it) and everything before, keeping order', () => {
      const at = (commit: number, id = `e${commit}`) => ({ event: aRecordedEvent({ id, position: { commit: BigInt(commit), prepare: BigInt(commit) } }) });

      const { events, lastPosition } = eventsAfter([at(100), at(250), at(420)], 100);

      expect(events.map((e) => [e.recorded.id, e.globalPosition])).toEqual([['e250', 250], ['e420', 420]]);
      expect(lastPosition).toBe(420);
    });

    it('skips system events and link events in our streams, but reads on past them', () => {
      const metadataEvent = { event: aRecordedEvent({ id: 'm', type: '$metadata', position: { commit: 300n, prepare: 300n } }) };
      const ours = { event: aRecordedEvent({ id: 'x', position: { commit: 200n, prepare: 200n } }) };

      const { events, lastPosition } = eventsAfter([ours, metadataEvent, {}], 0);

      expect(events.map((e) => e.recorded.id)).toEqual(['x']);
      expect(lastPosition).toBe(300);
      expect(isOurEvent(aRecordedEvent({ type: '$>' }))).toBe(false);
    });
  });

  describe('planning an append against the events already in the stream', () => {
    const stored = (event: EventToAppend, version: number): StoredEvent => ({
      ...event, streamId: INCIDENT, streamVersion: version, globalPosition: version * 100, recordedAt: '2026-03-01T10:00:00.000Z',
    });

    it('writes new events, and answers an event already stored with the same content with the stored one', () => {
      const old = stored(anEvent(), 1);
      const fresh = anEvent({ eventId: '0190b7c4-6000-7000-8000-000000000002' });

      const plan = planAppend(INCIDENT, [old], [anEvent({ recordedBy: 'someone-else', correlationId: null }), fresh]);

      expect(plan.fresh).toEqual([fresh]);
      expect(plan.answers).toEqual([{ stored: old }, { fresh: 0 }]);
    });

    it('recognises an id however its letters are cased', () => {
      const old = stored(anEvent(), 1);

      expect(planAppend(INCIDENT, [old], [anEvent({ eventId: old.eventId.toUpperCase() })]).answers).toEqual([{ stored: old }]);
    });

    it('refuses an id stored with other content as an EventIdConflict', () => {
      const old = stored(anEvent(), 1);

      expect(() => planAppend(INCIDENT, [old], [anEvent({ confidence: 'possible' })])).toThrow(EventIdConflict);
    });

    it('writes an id sent twice in one batch with the same content once, and refuses it with two contents', () => {
      const twice = anEvent();

      expect(planAppend(INCIDENT, [], [twice, { ...twice }]).fresh).toHaveLength(1);
      expect(() => planAppend(INCIDENT, [], [twice, anEvent({ data: { other: true } })])).toThrow(EventIdConflict);
    });
  });
});
