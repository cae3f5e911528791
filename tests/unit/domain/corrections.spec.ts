import {
  casualtiesReported, factCorrected, factRetracted, given, identificationConfirmed, identificationPending,
  identificationRefuted, materielSeized, opened, raidConducted, recordFacts,
} from './given-when-then';

const UNKNOWN_ID = '0193ffff-0000-7000-8000-00000000dead';

describe('corrections: must name an event of this incident that stands', () => {
  it('accepts a correction of a recorded fact', () => {
    const casualties = casualtiesReported();
    const correction = factCorrected(casualties.eventId, { status: 'killed' });
    given(opened(), casualties).when(recordFacts(correction)).then(correction);
  });

  it('refuses a correction of an unknown event', () => {
    given(opened(), casualtiesReported())
      .when(recordFacts(factCorrected(UNKNOWN_ID, { status: 'killed' })))
      .thenRejects('events.0.data.correctsEventId', 'names no event');
  });

  it('refuses a correction of a retracted fact', () => {
    const casualties = casualtiesReported();
    given(opened(), casualties, factRetracted(casualties.eventId))
      .when(recordFacts(factCorrected(casualties.eventId, { status: 'killed' })))
      .thenRejects('events.0.data.correctsEventId', 'retracted');
  });

  it('refuses a correction of a retraction', () => {
    const casualties = casualtiesReported();
    const retraction = factRetracted(casualties.eventId);
    given(opened(), casualties, retraction)
      .when(recordFacts(factCorrected(retraction.eventId, { reason: 'typo' })))
      .thenRejects('events.0.data.correctsEventId', 'retraction');
  });

  it('refuses a correction of a correction', () => {
    const casualties = casualtiesReported();
    const correction = factCorrected(casualties.eventId, { status: 'killed' });
    given(opened(), casualties, correction)
      .when(recordFacts(factCorrected(correction.eventId, { reason: 'second thoughts' })))
      .thenRejects('events.0.data.correctsEventId', 'cannot be corrected');
  });

  it('refuses a correction of a confirmation or a refutation', () => {
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId);
    given(opened(), pending, confirmation)
      .when(recordFacts(factCorrected(confirmation.eventId, { identificationId: UNKNOWN_ID })))
      .thenRejects('events.0.data.correctsEventId', 'cannot be corrected');

    const other = identificationPending({ person: 'Someone Else' });
    const refutation = identificationRefuted(other.eventId);
    given(opened(), other, refutation)
      .when(recordFacts(factCorrected(refutation.eventId, { identificationId: UNKNOWN_ID })))
      .thenRejects('events.0.data.correctsEventId', 'cannot be corrected');
  });

  it('accepts a correction of the fact recorded earlier in the same batch', () => {
    const casualties = casualtiesReported();
    const correction = factCorrected(casualties.eventId, { count: { best: 8, high: 8 } });
    given(opened()).when(recordFacts(casualties, correction)).then(casualties, correction);
  });
});

describe('corrections: what may be corrected', () => {
  it('refuses a correction that changes nothing', () => {
    const casualties = casualtiesReported();
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, {})))
      .thenRejects('events.0.data.data', 'at least one corrected field');
  });

  it("refuses to correct the incident's id", () => {
    const opening = opened();
    given(opening)
      .when(recordFacts(factCorrected(opening.eventId, { incidentId: '0193ffff-0000-7000-8000-000000000001' })))
      .thenRejects('events.0.data.data.incidentId', 'cannot be corrected');
  });

  it("accepts a correction of the opening's title, time or place", () => {
    const opening = opened();
    const view = given(opening)
      .when(recordFacts(factCorrected(opening.eventId, { title: 'Raid near Gossi', location: { name: 'Gossi', precision: 'locality' } })))
      .thenView();
    expect(view.title).toBe('Raid near Gossi');
    expect(view.location).toMatchObject({ country: 'ML', area: 'Gourma', name: 'Gossi', precision: 'locality' });
  });
});

describe('corrections: the merged data must keep the rules', () => {
  it('refuses a best figure above the high it keeps ({ best: 9 } over 7/7/7)', () => {
    const casualties = casualtiesReported({ count: { low: 7, best: 7, high: 7 } });
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { count: { best: 9 } })))
      .thenRejects('events.0.data.data.count.high', 'must be ≥ best');
  });

  it('refuses a best figure below the low it keeps', () => {
    const casualties = casualtiesReported({ count: { low: 7, best: 7, high: 7 } });
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { count: { best: 5 } })))
      .thenRejects('events.0.data.data.count.low', 'must be ≤ best');
  });

  it('accepts a figure corrected with its bounds', () => {
    const casualties = casualtiesReported({ count: { low: 7, best: 7, high: 7 } });
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { count: { best: 9, high: 9 } })))
      .thenView();
  });

  it('refuses to empty the items of seized materiel', () => {
    const seized = materielSeized();
    given(opened(), seized)
      .when(recordFacts(factCorrected(seized.eventId, { items: [] })))
      .thenRejects('events.0.data.data.items', 'at least one item');
  });

  it("refuses to move the opening's start after its end", () => {
    const opening = opened();
    given(opening)
      .when(recordFacts(factCorrected(opening.eventId, { occurred: { start: '2018-11-12T07:00:00Z' } })))
      .thenRejects('events.0.data.data.occurred.end', 'must not be before start');
  });

  it("refuses to give the opening a latitude without a longitude", () => {
    const opening = opened();
    given(opening)
      .when(recordFacts(factCorrected(opening.eventId, { location: { latitude: 15.3 } })))
      .thenRejects('events.0.data.data.location.longitude', 'both or neither');
  });

  it('checks a correction against the value already corrected', () => {
    const casualties = casualtiesReported({ count: { low: 7, best: 7, high: 7 } });
    const raiseHigh = factCorrected(casualties.eventId, { count: { high: 20 } });
    // Over 7/7/20, best 15 keeps low ≤ best ≤ high.
    given(opened(), casualties, raiseHigh)
      .when(recordFacts(factCorrected(casualties.eventId, { count: { best: 15 } })))
      .thenView();
  });
});

describe('corrections: a correction that blanks a nested field is refused, not a crash', () => {
  // decide's default data check reads the merged data as if its shape were sound; a correction
  // can set a nested object to null, and then decide throws a TypeError (a 500 at the edge)
  // instead of a DomainRuleViolation naming the field (a 422).
  it('refuses a count set to null', () => {
    const casualties = casualtiesReported();
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { count: null })))
      .thenRejects('events.0.data.data.count');
  });
});

describe('corrections: a partial correction keeps the other fields (deep merge)', () => {
  it('keeps the bounds when only the best figure is corrected', () => {
    const casualties = casualtiesReported({ count: { low: 5, best: 7, high: 9 }, wording: 'neutraliser sept terroristes' });
    const view = given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { count: { best: 8 } })))
      .thenView();
    expect(view.casualties).toMatchObject([
      { side: 'hostile', status: 'neutralised', count: { low: 5, best: 8, high: 9 }, wording: 'neutraliser sept terroristes' },
    ]);
  });

  it("keeps the opening's other time fields when only the end is corrected", () => {
    const opening = opened();
    const view = given(opening)
      .when(recordFacts(factCorrected(opening.eventId, { occurred: { end: '2018-11-12T05:00:00Z' } })))
      .thenView();
    expect(view.occurred).toEqual({ start: '2018-11-11T18:00:00Z', end: '2018-11-12T05:00:00Z', precision: 'night' });
  });

  it('replaces a list rather than merging it', () => {
    const raid = raidConducted({ support: ['MQ-9 Reaper drone', 'Tigre helicopter'] });
    const view = given(opened(), raid)
      .when(recordFacts(factCorrected(raid.eventId, { support: ['MQ-9 Reaper drone'] })))
      .thenView();
    expect(view.raids[0].support).toEqual(['MQ-9 Reaper drone']);
  });
});
