import { DataCheck, invariantsOnly } from '../../../src/domain/incident/decide';
import { IncidentNotOpened } from '../../../src/domain/incident/incident-errors';
import {
  activityReported, actorInvolved, attackReported, casualtiesReported, factCorrected, fireExchanged, given, identificationPending, materielDestroyed,
  materielSeized, opened, personsAbducted, personsDetained, personsFreed, raidConducted, recordFacts, siteDiscovered, strikeConducted,
} from './given-when-then';

describe('recording facts: the incident must be open', () => {
  it('refuses facts for an incident that was never opened', () => {
    given().when(recordFacts(casualtiesReported())).thenFails(IncidentNotOpened);
  });

  it('accepts facts once the incident is open, in the order given', () => {
    const raid = raidConducted();
    const fire = fireExchanged();
    const casualties = casualtiesReported();
    given(opened()).when(recordFacts(raid, fire, casualties)).then(raid, fire, casualties);
  });

  it('accepts every kind of fact of the communiqué', () => {
    const facts = [
      raidConducted(), strikeConducted(), fireExchanged(), casualtiesReported(), materielSeized(), materielDestroyed(),
      personsFreed(), actorInvolved(), identificationPending(), attackReported(), personsDetained(), personsAbducted(),
      siteDiscovered(), activityReported(),
    ];
    given(opened()).when(recordFacts(...facts)).then(...facts);
  });
});

describe('recording facts: the batch', () => {
  it('refuses an empty batch', () => {
    given(opened()).when(recordFacts()).thenRejects('events', 'at least one event');
  });

  it('refuses IncidentOpened as a fact', () => {
    given(opened()).when(recordFacts(opened())).thenRejects('events.0.type', 'IncidentOpened');
  });

  it('refuses an event id already used in the incident', () => {
    const raid = raidConducted();
    given(opened(), raid)
      .when(recordFacts(raidConducted({ modes: ['ground'] }, { eventId: raid.eventId })))
      .thenRejects('events.0.eventId', 'already in this incident');
  });

  it('refuses the same event id twice in one batch', () => {
    const raid = raidConducted();
    given(opened())
      .when(recordFacts(raid, fireExchanged({}, { eventId: raid.eventId })))
      .thenRejects('events.1.eventId', 'already in this incident');
  });

  it('in a long batch (its working state indexed) finds ids already used or repeated, and facts proposed earlier in it', () => {
    const raid = raidConducted();
    const reported = casualtiesReported();
    const fires = Array.from({ length: 8 }, () => fireExchanged());
    const correction = factCorrected(reported.eventId, { status: 'killed' });
    given(opened(), raid).when(recordFacts(reported, ...fires, correction)).then(reported, ...fires, correction);
    const problems = given(opened(), raid)
      .when(recordFacts(reported, ...fires, raidConducted({ modes: ['ground'] }, { eventId: raid.eventId }), fireExchanged({}, { eventId: fires[3].eventId })))
      .thenRejects('events.9.eventId', 'already in this incident');
    expect(problems.map((p) => p.path)).toEqual(['events.9.eventId', 'events.10.eventId']);
  });

  it('reports all problems of a batch together, each with the index of its event', () => {
    const problems = given(opened())
      .when(recordFacts(
        raidConducted(),
        casualtiesReported({ count: { low: 9, best: 7 } }),
        materielSeized({ items: [] }),
        personsFreed({ count: { best: 3, high: 2 } }),
      ))
      .thenRejects('events.1.data.count.low', 'must be ≤ best');
    expect(problems).toEqual([
      { path: 'events.1.data.count.low', reason: 'must be ≤ best' },
      { path: 'events.2.data.items', reason: 'must name at least one item' },
      { path: 'events.3.data.count.high', reason: 'must be ≥ best' },
    ]);
  });

  it('checks a new fact against its invariants only: the edge has checked its shape once already', () => {
    const shapeCheck: DataCheck = (type, data) =>
      type === 'RaidConducted' ? [{ path: 'modes.0', reason: 'must be one of heliborne, ground, airborne, naval, other' }]
        : invariantsOnly(type, data);
    given(opened()).when(recordFacts(casualtiesReported(), raidConducted()), { checkData: shapeCheck }).thenView();
  });

  it('reports the problems of the edge data check on the data a correction leaves, under that event', () => {
    const raid = raidConducted();
    const shapeCheck: DataCheck = (type, data) =>
      type === 'RaidConducted' ? [{ path: 'modes.0', reason: 'must be one of heliborne, ground, airborne, naval, other' }]
        : invariantsOnly(type, data);
    given(opened(), raid)
      .when(recordFacts(casualtiesReported(), factCorrected(raid.eventId, { target: 'another group' })), { checkData: shapeCheck })
      .thenRejects('events.1.data.data.modes.0', 'must be one of');
  });
});

describe('recording facts: counts (low ≤ best ≤ high, integers ≥ 0)', () => {
  it('accepts a best figure alone, or with bounds around it', () => {
    given(opened()).when(recordFacts(casualtiesReported({ count: { best: 7 } }))).thenView();
    given(opened()).when(recordFacts(casualtiesReported({ count: { low: 5, best: 7, high: 10 } }))).thenView();
  });

  it('refuses a low above best', () => {
    given(opened())
      .when(recordFacts(casualtiesReported({ count: { low: 8, best: 7 } })))
      .thenRejects('events.0.data.count.low', 'must be ≤ best');
  });

  it('refuses a high below best', () => {
    given(opened())
      .when(recordFacts(casualtiesReported({ count: { best: 7, high: 6 } })))
      .thenRejects('events.0.data.count.high', 'must be ≥ best');
  });

  it('refuses a negative or fractional figure', () => {
    given(opened())
      .when(recordFacts(casualtiesReported({ count: { best: -1 } })))
      .thenRejects('events.0.data.count.best', 'integer ≥ 0');
    given(opened())
      .when(recordFacts(casualtiesReported({ count: { best: 7, high: 7.5 } })))
      .thenRejects('events.0.data.count.high', 'integer ≥ 0');
  });

  it('applies the same rule to persons freed', () => {
    given(opened())
      .when(recordFacts(personsFreed({ count: { low: 3, best: 2 } })))
      .thenRejects('events.0.data.count.low', 'must be ≤ best');
  });
});

describe('recording facts: materiel', () => {
  it('refuses materiel seized with no items', () => {
    given(opened()).when(recordFacts(materielSeized({ items: [] }))).thenRejects('events.0.data.items', 'at least one item');
  });

  it('refuses materiel destroyed with no items', () => {
    given(opened()).when(recordFacts(materielDestroyed({ items: [] }))).thenRejects('events.0.data.items', 'at least one item');
  });
});
