import { RunningApp, http, startApp } from '../support/app';
import { casualties, opening } from '../support/barkhane';
import { UUID_V7, expectError, facts, logLength, newId, openIncident, recordEvents, recorded, registerSource } from '../support/e2e';

describe('recording incidents', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    sourceId = await registerSource(base);
  });
  afterAll(() => server.close());

  const getIncident = (incidentId: string) => http(base, 'GET', `/incidents/${incidentId}`);

  describe('opening an incident', () => {
    it('answers 201 with Location, ETag "1" and { incidentId, version: 1, globalPosition }', async () => {
      const head = await logLength(base);
      const answer = await http(base, 'POST', '/incidents', { body: opening(sourceId) });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ incidentId: expect.stringMatching(UUID_V7), version: 1, globalPosition: head + 1 });
      expect(answer.headers.get('location')).toBe(`/incidents/${answer.body.incidentId}`);
      expect(answer.headers.get('etag')).toBe('"1"');
      expect(await logLength(base)).toBe(head + 1);
    });

    it('with a client-given incidentId: the same body again answers 200 with the same answer and writes nothing', async () => {
      const incidentId = newId();
      const first = await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId }) });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ incidentId, version: 1, globalPosition: expect.any(Number) });
      const head = await logLength(base);

      const again = await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId }) });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('location')).toBe(`/incidents/${incidentId}`);
      expect(again.headers.get('etag')).toBe('"1"');
      expect(await logLength(base)).toBe(head);
    });

    it('with a client-given incidentId: the same body again after facts were added still answers 200 with the opening', async () => {
      const incidentId = newId();
      const first = await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId }) });
      await recorded(base, incidentId, [casualties(sourceId)]);
      const again = await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId }) });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    });

    it('with a client-given incidentId: another body with that id answers 409 and changes nothing', async () => {
      const incidentId = newId();
      await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId }) });
      const head = await logLength(base);
      const other = await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId, title: 'Another title' }) });
      expectError(other, 409, 'Conflict', /incidentId/);
      expect(await logLength(base)).toBe(head);
      expect((await getIncident(incidentId)).body.title).toBe('Raid against a terrorist group in the Gourma');
    });
  });

  describe('appending events', () => {
    it('answers 201 with the new version as ETag and, per event, { eventId, type, streamVersion, globalPosition }', async () => {
      const incidentId = await openIncident(base, sourceId);
      const head = await logLength(base);
      const answer = await recordEvents(base, incidentId, [facts.raid(sourceId), casualties(sourceId)]);
      expect(answer.status).toBe(201);
      expect(answer.headers.get('etag')).toBe('"3"');
      expect(answer.body).toEqual({
        incidentId,
        version: 3,
        events: [
          { eventId: expect.stringMatching(UUID_V7), type: 'RaidConducted', streamVersion: 2, globalPosition: head + 1 },
          { eventId: expect.stringMatching(UUID_V7), type: 'CasualtiesReported', streamVersion: 3, globalPosition: head + 2 },
        ],
      });
      const log = await http(base, 'GET', `/events?after=${head}`);
      expect(log.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(answer.body.events.map((e: { eventId: string }) => e.eventId));
    });

    it('makes a write visible to the very next read', async () => {
      const incidentId = await openIncident(base, sourceId);
      const answer = await recorded(base, incidentId, [casualties(sourceId)]);
      const [incident, list, log] = [await getIncident(incidentId), await http(base, 'GET', '/incidents?limit=500'), await http(base, 'GET', `/events?after=${answer.body.events[0].globalPosition - 1}`)];
      expect(incident.body.version).toBe(2);
      expect(incident.headers.get('etag')).toBe('"2"');
      expect(incident.body.casualties).toEqual([expect.objectContaining({ eventId: answer.body.events[0].eventId, count: { low: 7, best: 7, high: 7 } })]);
      expect(list.body.items.find((i: { incidentId: string }) => i.incidentId === incidentId)).toMatchObject({ version: 2 });
      expect(log.body.events[0].eventId).toBe(answer.body.events[0].eventId);
    });

    it('appends all events of a request or none: one bad event of three writes nothing', async () => {
      const incidentId = await openIncident(base, sourceId);
      await recorded(base, incidentId, [facts.raid(sourceId)]);
      const before = await getIncident(incidentId);
      const head = await logLength(base);

      const answer = await recordEvents(base, incidentId, [casualties(sourceId), facts.seized(sourceId), facts.confirmed(sourceId, newId())]);
      expectError(answer, 422, 'Unprocessable Entity', /^events\.2\.data\.identificationId /);

      const after = await getIncident(incidentId);
      expect(after.body.version).toBe(2);
      expect(after.headers.get('etag')).toBe('"2"');
      expect(after.body).toEqual(before.body);
      expect(await logLength(base)).toBe(head);
    });

    describe('an event carrying its own eventId', () => {
      it('is stored once: the same id and content again answers 200 with the stored receipt and adds nothing', async () => {
        const incidentId = await openIncident(base, sourceId);
        const eventId = newId();
        const first = await recorded(base, incidentId, [{ ...casualties(sourceId), eventId }]);
        const head = await logLength(base);

        const again = await recordEvents(base, incidentId, [{ ...casualties(sourceId), eventId }]);
        expect(again.status).toBe(200);
        expect(again.body).toEqual(first.body);
        expect(again.headers.get('etag')).toBe('"2"');
        expect(await logLength(base)).toBe(head);
        expect((await getIncident(incidentId)).body.casualties).toHaveLength(1);
      });

      it('a retry holding a stored event and a new one stores only the new one and reports both', async () => {
        const incidentId = await openIncident(base, sourceId);
        const eventId = newId();
        const first = await recorded(base, incidentId, [{ ...casualties(sourceId), eventId }]);
        const head = await logLength(base);

        const retry = await recordEvents(base, incidentId, [{ ...casualties(sourceId), eventId }, facts.raid(sourceId)]);
        expect(retry.status).toBe(201);
        expect(retry.body.version).toBe(3);
        expect(retry.body.events).toEqual([first.body.events[0], { eventId: expect.stringMatching(UUID_V7), type: 'RaidConducted', streamVersion: 3, globalPosition: head + 1 }]);
        expect(await logLength(base)).toBe(head + 1);
      });

      it('with other content answers 409 and writes nothing', async () => {
        const incidentId = await openIncident(base, sourceId);
        const eventId = newId();
        await recorded(base, incidentId, [{ ...casualties(sourceId), eventId }]);
        const head = await logLength(base);

        const other = await recordEvents(base, incidentId, [{ ...casualties(sourceId, { low: 6, best: 7, high: 7 }), eventId }]);
        expectError(other, 409, 'Conflict', new RegExp(eventId));
        expect(await logLength(base)).toBe(head);
        expect((await getIncident(incidentId)).body.casualties[0].count).toEqual({ low: 7, best: 7, high: 7 });
      });

      it('already stored in another incident answers 409 and writes nothing', async () => {
        const first = await openIncident(base, sourceId);
        const second = await openIncident(base, sourceId);
        const eventId = newId();
        await recorded(base, first, [{ ...casualties(sourceId), eventId }]);
        const head = await logLength(base);

        expectError(await recordEvents(base, second, [{ ...casualties(sourceId), eventId }]), 409, 'Conflict', new RegExp(eventId));
        expect(await logLength(base)).toBe(head);
      });
    });

    describe('with If-Match', () => {
      it('appends when the incident is at that version', async () => {
        const incidentId = await openIncident(base, sourceId);
        const answer = await recordEvents(base, incidentId, [casualties(sourceId)], { 'If-Match': '"1"' });
        expect(answer.status).toBe(201);
        expect(answer.headers.get('etag')).toBe('"2"');
      });

      it('answers 412 when the incident has moved on, and writes nothing', async () => {
        const incidentId = await openIncident(base, sourceId);
        await recorded(base, incidentId, [facts.raid(sourceId)]);
        const head = await logLength(base);
        expectError(await recordEvents(base, incidentId, [casualties(sourceId)], { 'If-Match': '"1"' }), 412, 'Precondition Failed');
        expect(await logLength(base)).toBe(head);
        expect((await getIncident(incidentId)).body.version).toBe(2);
      });

      it('answers 400 when If-Match is not an incident version', async () => {
        const incidentId = await openIncident(base, sourceId);
        const head = await logLength(base);
        expectError(await recordEvents(base, incidentId, [casualties(sourceId)], { 'If-Match': 'version one' }), 400, 'Bad Request', /^If-Match /);
        expect(await logLength(base)).toBe(head);
      });
    });

    it('answers 404 for an incident that does not exist', async () => {
      const head = await logLength(base);
      expectError(await recordEvents(base, newId(), [casualties(sourceId)]), 404, 'Not Found', /does not exist/);
      expect(await logLength(base)).toBe(head);
    });

    it('answers 400 for an incident id that is not a UUID', async () => {
      expectError(await recordEvents(base, 'gourma-raid', [casualties(sourceId)]), 400, 'Bad Request', 'incidentId must be a UUID');
    });
  });

  describe('rules of the domain broken: 422 naming the path, and nothing written', () => {
    async function expectRefused(incidentId: string, events: unknown[], message: RegExp) {
      const before = await getIncident(incidentId);
      const head = await logLength(base);
      expectError(await recordEvents(base, incidentId, events), 422, 'Unprocessable Entity', message);
      expect(await logLength(base)).toBe(head);
      expect((await getIncident(incidentId)).body).toEqual(before.body);
    }

    it('confirming an identification that does not exist', async () => {
      const incidentId = await openIncident(base, sourceId);
      const unknown = newId();
      await expectRefused(incidentId, [facts.confirmed(sourceId, unknown)], new RegExp(`^events\\.0\\.data\\.identificationId .*${unknown}`));
    });

    it('confirming an event that is not an identification', async () => {
      const incidentId = await openIncident(base, sourceId);
      const raid = await recorded(base, incidentId, [facts.raid(sourceId)]);
      await expectRefused(incidentId, [facts.confirmed(sourceId, raid.body.events[0].eventId)], /^events\.0\.data\.identificationId /);
    });

    it('confirming an identification twice', async () => {
      const incidentId = await openIncident(base, sourceId);
      const identificationId = newId();
      await recorded(base, incidentId, [facts.pending(sourceId, identificationId)]);
      await recorded(base, incidentId, [facts.confirmed(sourceId, identificationId)]);
      await expectRefused(incidentId, [facts.confirmed(sourceId, identificationId)], /^events\.0\.data\.identificationId .*no longer pending/);
    });

    it('correcting an event of another incident', async () => {
      const other = await openIncident(base, sourceId);
      const theirs = await recorded(base, other, [casualties(sourceId)]);
      const incidentId = await openIncident(base, sourceId);
      await expectRefused(incidentId, [facts.corrected(sourceId, theirs.body.events[0].eventId, { count: { best: 8, high: 8 } })], /^events\.0\.data\.correctsEventId /);
    });

    it('retracting an event of another incident', async () => {
      const other = await openIncident(base, sourceId);
      const theirs = await recorded(base, other, [casualties(sourceId)]);
      const incidentId = await openIncident(base, sourceId);
      await expectRefused(incidentId, [facts.retracted(sourceId, theirs.body.events[0].eventId)], /^events\.0\.data\.retractsEventId /);
    });

    it('retracting an event twice', async () => {
      const incidentId = await openIncident(base, sourceId);
      const raid = await recorded(base, incidentId, [facts.raid(sourceId)]);
      await recorded(base, incidentId, [facts.retracted(sourceId, raid.body.events[0].eventId)]);
      await expectRefused(incidentId, [facts.retracted(sourceId, raid.body.events[0].eventId)], /^events\.0\.data\.retractsEventId .*retracted/);
    });

    it('retracting twice within one request', async () => {
      const incidentId = await openIncident(base, sourceId);
      const raid = await recorded(base, incidentId, [facts.raid(sourceId)]);
      const raidId = raid.body.events[0].eventId;
      await expectRefused(incidentId, [facts.retracted(sourceId, raidId), facts.retracted(sourceId, raidId)], /^events\.1\.data\.retractsEventId /);
    });

    it('correcting a count so that it is invalid once merged (best above high)', async () => {
      const incidentId = await openIncident(base, sourceId);
      const reported = await recorded(base, incidentId, [casualties(sourceId)]);
      await expectRefused(incidentId, [facts.corrected(sourceId, reported.body.events[0].eventId, { count: { best: 9 } })], /^events\.0\.data\.data\.count\.high /);
    });

    it('correcting a fact with a field of the wrong type', async () => {
      const incidentId = await openIncident(base, sourceId);
      const raid = await recorded(base, incidentId, [facts.raid(sourceId)]);
      await expectRefused(incidentId, [facts.corrected(sourceId, raid.body.events[0].eventId, { modes: ['submarine'] })], /^events\.0\.data\.data\.modes /);
      await expectRefused(incidentId, [facts.corrected(sourceId, raid.body.events[0].eventId, { modes: 'heliborne' })], /^events\.0\.data\.data\.modes /);
      // The v1 field, still accepted in requests, is read as `modes` before it is checked.
      await expectRefused(incidentId, [facts.corrected(sourceId, raid.body.events[0].eventId, { mode: 'submarine' })], /^events\.0\.data\.data\.modes? .*heliborne/);
    });

    it('correcting a retracted fact', async () => {
      const incidentId = await openIncident(base, sourceId);
      const reported = await recorded(base, incidentId, [casualties(sourceId)]);
      const eventId = reported.body.events[0].eventId;
      await recorded(base, incidentId, [facts.retracted(sourceId, eventId)]);
      await expectRefused(incidentId, [facts.corrected(sourceId, eventId, { count: { best: 7 } })], /^events\.0\.data\.correctsEventId .*retracted/);
    });

    it('correcting a correction', async () => {
      const incidentId = await openIncident(base, sourceId);
      const eventId = newId();
      const answer = await recorded(base, incidentId, [{ ...casualties(sourceId), eventId }, facts.corrected(sourceId, eventId, { count: { best: 8, high: 8 } })]);
      await expectRefused(incidentId, [facts.corrected(sourceId, answer.body.events[1].eventId, { reason: 'x' })], /^events\.0\.data\.correctsEventId /);
    });

    it('a correction naming no field', async () => {
      const incidentId = await openIncident(base, sourceId);
      const reported = await recorded(base, incidentId, [casualties(sourceId)]);
      await expectRefused(incidentId, [facts.corrected(sourceId, reported.body.events[0].eventId, {})], /^events\.0\.data\.data /);
    });

    it('a correction adding a field the fact does not have', async () => {
      const incidentId = await openIncident(base, sourceId);
      const reported = await recorded(base, incidentId, [casualties(sourceId)]);
      await expectRefused(incidentId, [facts.corrected(sourceId, reported.body.events[0].eventId, { colour: 'red' })], /^events\.0\.data\.data\.colour /);
    });

    it('correcting the opening so that it ends before it starts', async () => {
      const incidentId = await openIncident(base, sourceId);
      const log = await http(base, 'GET', `/incidents/${incidentId}/history`);
      const openingId = log.body.revisions[0].eventId;
      await expectRefused(incidentId, [facts.corrected(sourceId, openingId, { occurred: { end: '2018-11-10T00:00:00Z' } })], /^events\.0\.data\.data\.occurred\.end /);
    });

    it('retracting the opening', async () => {
      const incidentId = await openIncident(base, sourceId);
      const log = await http(base, 'GET', `/incidents/${incidentId}/history`);
      await expectRefused(incidentId, [facts.retracted(sourceId, log.body.revisions[0].eventId)], /^events\.0\.data\.retractsEventId /);
    });

    it('confirming an identification that was refuted', async () => {
      const incidentId = await openIncident(base, sourceId);
      const identificationId = newId();
      await recorded(base, incidentId, [facts.pending(sourceId, identificationId), { ...facts.confirmed(sourceId, identificationId), type: 'IdentificationRefuted' }]);
      await expectRefused(incidentId, [facts.confirmed(sourceId, identificationId)], /^events\.0\.data\.identificationId /);
    });

    it('names the event by its index in the request when an earlier one is valid', async () => {
      const incidentId = await openIncident(base, sourceId);
      await expectRefused(incidentId, [facts.raid(sourceId), casualties(sourceId), facts.retracted(sourceId, newId())], /^events\.2\.data\.retractsEventId /);
    });
  });

  describe('concurrent writers', () => {
    it('appends without If-Match from ten clients at once all succeed, each at its own version', async () => {
      const incidentId = await openIncident(base, sourceId);
      const answers = await Promise.all(Array.from({ length: 10 }, () => recordEvents(base, incidentId, [casualties(sourceId)])));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(answers.map((a) => a.body.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      const incident = await getIncident(incidentId);
      expect(incident.body.version).toBe(11);
      expect(incident.body.casualties).toHaveLength(10);
    });

    it('with the same If-Match from two clients at once, one appends and the other gets 412', async () => {
      const incidentId = await openIncident(base, sourceId);
      const { headers } = await getIncident(incidentId);
      const etag = headers.get('etag')!;
      const answers = await Promise.all([0, 1].map(() => recordEvents(base, incidentId, [casualties(sourceId)], { 'If-Match': etag })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 412]);
      expect((await getIncident(incidentId)).body.version).toBe(2);
    });

    it('opening the same client-given incidentId from five clients at once stores it once: one 201, the others 200', async () => {
      const incidentId = newId();
      const head = await logLength(base);
      const answers = await Promise.all(Array.from({ length: 5 }, () => http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId }) })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
      for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
      expect(await logLength(base)).toBe(head + 1);
    });
  });

  it('records an identification and its confirmation in one request', async () => {
    const incidentId = await openIncident(base, sourceId);
    const identificationId = newId();
    const answer = await recordEvents(base, incidentId, [facts.pending(sourceId, identificationId), facts.confirmed(sourceId, identificationId)]);
    expect(answer.status).toBe(201);
    expect(answer.body.events.map((e: { type: string }) => e.type)).toEqual(['IdentificationPending', 'IdentificationConfirmed']);
    expect(answer.body.events[0].eventId).toBe(identificationId);
    const incident = await getIncident(incidentId);
    expect(incident.body.identifications).toEqual([
      expect.objectContaining({ identificationId, person: 'Almansour Ag Alkassam', status: 'confirmed', confidence: 'probable' }),
    ]);
  });

  it('records a fact and its correction in one request', async () => {
    const incidentId = await openIncident(base, sourceId);
    const eventId = newId();
    const answer = await recordEvents(base, incidentId, [{ ...casualties(sourceId), eventId }, facts.corrected(sourceId, eventId, { count: { best: 8, high: 9 } })]);
    expect(answer.status).toBe(201);
    expect((await getIncident(incidentId)).body.casualties[0].count).toEqual({ low: 7, best: 8, high: 9 });
  });
});
