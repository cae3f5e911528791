import { INCIDENT_EVENT_CATALOGUE, INCIDENT_EVENT_TYPES, requestDataInCurrentShape, upcastIncidentEvent } from '../../../src/domain/incident/event-catalogue';
import { fold } from '../../../src/domain/incident/fold';
import { IncidentEventDataByType, RecordedIncidentEvent } from '../../../src/domain/incident/incident-events';
import { toIncidentView } from '../../../src/domain/incident/incident-view';
import { SOURCE_REGISTERED } from '../../../src/domain/source/source-events';
import {
  Draft, INCIDENT_ID, OTHER_INCIDENT_ID, activityReported, actorInvolved, attackReported, casualtiesReported, factCorrected,
  factRetracted, fireExchanged, identificationConfirmed, identificationPending, identificationRefuted, incidentLinked, incidentWithdrawn,
  materielDestroyed, materielSeized, opened, personsAbducted, personsDetained, personsFreed, raidConducted, recorded, siteDiscovered,
  strikeConducted,
} from './given-when-then';

/** A builder's data, for the table below (its keys are what the compiler checks). */
const dataOf = (draft: Draft): never => draft.data as never;

/** Data of every type in its current shape (the compiler asks for each type of the catalogue). */
const CURRENT_SHAPE: { [T in keyof IncidentEventDataByType]: IncidentEventDataByType[T] } = {
  IncidentOpened: dataOf(opened()),
  RaidConducted: dataOf(raidConducted({ modes: ['ground', 'heliborne'] })),
  StrikeConducted: dataOf(strikeConducted({ means: ['aircraft', 'drone'] })),
  FireExchanged: dataOf(fireExchanged()),
  CasualtiesReported: dataOf(casualtiesReported()),
  MaterielSeized: dataOf(materielSeized()),
  MaterielDestroyed: dataOf(materielDestroyed()),
  PersonsFreed: dataOf(personsFreed()),
  ActorInvolved: dataOf(actorInvolved({ aliases: ['EIGS'] })),
  IdentificationPending: dataOf(identificationPending({ fate: 'killed' })),
  IdentificationConfirmed: dataOf(identificationConfirmed(INCIDENT_ID)),
  IdentificationRefuted: dataOf(identificationRefuted(INCIDENT_ID)),
  AttackReported: dataOf(attackReported()),
  PersonsDetained: dataOf(personsDetained()),
  PersonsAbducted: dataOf(personsAbducted()),
  SiteDiscovered: dataOf(siteDiscovered()),
  ActivityReported: dataOf(activityReported()),
  IncidentLinked: dataOf(incidentLinked(OTHER_INCIDENT_ID, { note: 'n' })),
  IncidentWithdrawn: dataOf(incidentWithdrawn({ duplicateOf: OTHER_INCIDENT_ID })),
  FactCorrected: dataOf(factCorrected(INCIDENT_ID, { modes: ['airborne'], means: ['aircraft'], count: { best: 3 } }, { factConfidence: 'probable' })),
  FactRetracted: dataOf(factRetracted(INCIDENT_ID)),
};

const V1_RAID = { force: 'French forces', mode: 'ground', support: [], target: 'armed group' };
const V1_STRIKE = { force: 'French forces', means: 'drone', platforms: ['MQ-9 Reaper'], target: 'armed group' };
const CORRECTED_ID = '0193a1b2-0000-7000-8000-0000000000aa';

describe('upcasting: RaidConducted v1 → v2', () => {
  it('reads mode as modes: [mode], at schema version 2', () => {
    expect(upcastIncidentEvent('RaidConducted', 1, V1_RAID)).toEqual({
      schemaVersion: 2, data: { force: 'French forces', modes: ['ground'], support: [], target: 'armed group' },
    });
  });

  it('leaves a v2 raid as it is', () => {
    const v2 = CURRENT_SHAPE.RaidConducted;
    expect(upcastIncidentEvent('RaidConducted', 2, v2)).toEqual({ schemaVersion: 2, data: v2 });
  });

  it('does not rewrite the stored data', () => {
    const stored = { ...V1_RAID };
    upcastIncidentEvent('RaidConducted', 1, stored);
    expect(stored).toEqual(V1_RAID);
  });
});

describe('upcasting: StrikeConducted v1 → v2', () => {
  it("reads means 'drone' as ['drone'], at schema version 2", () => {
    expect(upcastIncidentEvent('StrikeConducted', 1, V1_STRIKE)).toEqual({ schemaVersion: 2, data: { ...V1_STRIKE, means: ['drone'] } });
  });
});

describe('upcasting: FactCorrected v1 → v2 (corrected fields in the current shape)', () => {
  const v1Correction = (data: Record<string, unknown>) => ({ correctsEventId: CORRECTED_ID, data, reason: 'later communiqué' });

  it("reads corrected { mode: 'airborne' } as { modes: ['airborne'] }", () => {
    expect(upcastIncidentEvent('FactCorrected', 1, v1Correction({ mode: 'airborne' }))).toEqual({
      schemaVersion: 2, data: v1Correction({ modes: ['airborne'] }),
    });
  });

  it("reads corrected { means: 'aircraft' } as { means: ['aircraft'] }, other fields kept", () => {
    expect(upcastIncidentEvent('FactCorrected', 1, v1Correction({ means: 'aircraft', target: 'camp' }))).toEqual({
      schemaVersion: 2, data: v1Correction({ means: ['aircraft'], target: 'camp' }),
    });
  });

  it('leaves a v1 correction of other fields as it is', () => {
    const correction = v1Correction({ count: { best: 8 }, status: 'killed' });
    expect(upcastIncidentEvent('FactCorrected', 1, correction)).toEqual({ schemaVersion: 2, data: correction });
  });
});

describe('upcasting: types the catalogue does not hold pass through', () => {
  it('returns a SourceRegistered event unchanged', () => {
    const data = { sourceId: 's', sha256: 'x', publisher: 'p', title: 't', publishedAt: null, language: 'fr', url: null, text: 'mode' };
    const result = upcastIncidentEvent(SOURCE_REGISTERED, 1, data);
    expect(result).toEqual({ schemaVersion: 1, data });
    expect(result.data).toBe(data);
  });
});

describe('upcasting: every upcaster is idempotent on data already in the current shape', () => {
  it.each(INCIDENT_EVENT_TYPES)('%s', (type) => {
    const data = CURRENT_SHAPE[type];
    expect(requestDataInCurrentShape(type, data)).toEqual(data);
    for (const upcaster of INCIDENT_EVENT_CATALOGUE[type].upcasters) expect(upcaster(data)).toEqual(data);
  });

  it('turns the v1 request shapes into the current ones (requests may still send mode, or one means)', () => {
    expect(requestDataInCurrentShape('RaidConducted', V1_RAID)).toEqual({ force: 'French forces', modes: ['ground'], support: [], target: 'armed group' });
    expect(requestDataInCurrentShape('StrikeConducted', V1_STRIKE)).toMatchObject({ means: ['drone'] });
    expect(requestDataInCurrentShape('FactCorrected', { correctsEventId: CORRECTED_ID, data: { mode: 'naval' }, reason: 'r' }))
      .toEqual({ correctsEventId: CORRECTED_ID, data: { modes: ['naval'] }, reason: 'r' });
  });
});

describe('upcasting: a v1 stream folds, once upcast, into the current shape', () => {
  /** A stream as v1 stored it: schema version 1 everywhere, a raid with `mode` and a correction of `mode`. */
  const raidId = '0193a1b2-0000-7000-8000-0000000000b1';
  const strikeId = '0193a1b2-0000-7000-8000-0000000000b2';
  const opening = opened();
  const v1Stream: Array<{ eventId: string; type: string; schemaVersion: number; data: unknown }> = [
    { eventId: opening.eventId, type: 'IncidentOpened', schemaVersion: 1, data: opening.data },
    { eventId: raidId, type: 'RaidConducted', schemaVersion: 1, data: V1_RAID },
    { eventId: strikeId, type: 'StrikeConducted', schemaVersion: 1, data: V1_STRIKE },
    { eventId: '0193a1b2-0000-7000-8000-0000000000b3', type: 'FactCorrected', schemaVersion: 1, data: { correctsEventId: raidId, data: { mode: 'airborne' }, reason: 'r' } },
    { eventId: '0193a1b2-0000-7000-8000-0000000000b4', type: 'FactCorrected', schemaVersion: 1, data: { correctsEventId: strikeId, data: { means: 'aircraft' }, reason: 'r' } },
  ];

  /** As the store hands them to readers: each event's data upcast from its stored schema version. */
  const upcastStream = (): RecordedIncidentEvent[] =>
    recorded(v1Stream.map(({ eventId, type, schemaVersion, data }) => ({
      eventId, type, data: upcastIncidentEvent(type, schemaVersion, data).data, source: opening.source, confidence: 'confirmed',
    }) as Draft));

  it('reads the raid with modes [corrected mode] and the strike with means [corrected means]', () => {
    const view = toIncidentView(fold(upcastStream()));
    expect(view.raids).toMatchObject([{ eventId: raidId, modes: ['airborne'] }]);
    expect(view.raids[0]).not.toHaveProperty('mode');
    expect(view.strikes).toMatchObject([{ eventId: strikeId, means: ['aircraft'] }]);
  });

  it('reads the raid as recorded (modes [mode]) once the correction is retracted', () => {
    const events = upcastStream();
    const correctionId = events[3].eventId;
    const view = toIncidentView(fold(recorded([factRetracted(correctionId)], events.length), fold(events)));
    expect(view.raids).toMatchObject([{ modes: ['ground'], corrections: [] }]);
  });
});
