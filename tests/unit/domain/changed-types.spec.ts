import {
  OTHER_SOURCE_ID, actorInvolved, attackReported, casualtiesReported, cite, factCorrected, factRetracted, fireExchanged, given,
  identificationConfirmed, identificationPending, identificationRefuted, materielSeized, opened, raidConducted, recordFacts,
  recordedAtOfVersion,
  strikeConducted,
} from './given-when-then';

describe('RaidConducted v2: modes', () => {
  it('accepts one mode and shows modes as a list', () => {
    const raid = raidConducted({ modes: ['heliborne'] });
    expect(given(opened()).when(recordFacts(raid)).thenView().raids).toMatchObject([{ modes: ['heliborne'] }]);
  });

  it('accepts several modes (motorised and heliborne), in the order given', () => {
    const raid = raidConducted({ modes: ['ground', 'heliborne'] });
    given(opened()).when(recordFacts(raid)).then(raid);
    expect(given(opened(), raid).view().raids).toMatchObject([{ modes: ['ground', 'heliborne'] }]);
  });

  it('shows no v1 `mode` field', () => {
    expect(given(opened(), raidConducted()).view().raids[0]).not.toHaveProperty('mode');
  });

  it('replaces the list when a correction gives modes', () => {
    const raid = raidConducted({ modes: ['heliborne'] });
    const view = given(opened(), raid).when(recordFacts(factCorrected(raid.eventId, { modes: ['ground', 'airborne'] }))).thenView();
    expect(view.raids[0].modes).toEqual(['ground', 'airborne']);
  });
});

// The domain holds this itself (as for materiel items and estimates), not only the edge's shape check.
describe('lists of modes and means hold at least one value', () => {
  it('refuses a raid with no mode', () => {
    given(opened()).when(recordFacts(raidConducted({ modes: [] }))).thenRejects('events.0.data.modes', 'at least one');
  });

  it('refuses a strike with no means', () => {
    given(opened()).when(recordFacts(strikeConducted({ means: [] }))).thenRejects('events.0.data.means', 'at least one');
  });

  it('refuses an attack with no means', () => {
    given(opened()).when(recordFacts(attackReported({ means: [] }))).thenRejects('events.0.data.means', 'at least one');
  });
});

describe('StrikeConducted v2: means is a list', () => {
  it('accepts several means and shows them as a list', () => {
    const strike = strikeConducted({ means: ['aircraft', 'drone'] });
    given(opened()).when(recordFacts(strike)).then(strike);
    expect(given(opened(), strike).view().strikes).toEqual([{
      force: 'French forces', means: ['aircraft', 'drone'], platforms: ['MQ-9 Reaper'], target: 'armed group',
      eventId: strike.eventId, confidence: 'confirmed', source: strike.source, corrections: [],
    }]);
  });
});

describe('FireExchanged: who fired first and warning shots may be unstated', () => {
  it('accepts neither and shows both null', () => {
    const fire = fireExchanged({ initiatedBy: undefined, warningShots: undefined });
    given(opened()).when(recordFacts(fire)).then(fire);
    expect(given(opened(), fire).view().fireExchanges).toEqual([{
      initiatedBy: null, warningShots: null, hostileWeapons: ['light weapons', 'collective weapons'],
      outcome: 'The French riposte ended the fire and neutralised seven terrorists',
      eventId: fire.eventId, confidence: 'confirmed', source: fire.source, corrections: [],
    }]);
  });

  it('keeps warningShots false as false, not null', () => {
    expect(given(opened(), fireExchanged({ warningShots: false })).view().fireExchanges).toMatchObject([{ warningShots: false }]);
  });
});

describe('IdentificationPending: a person, or at least a role; and a fate', () => {
  it('accepts an unnamed deputy: a role and no person', () => {
    const deputy = identificationPending({ person: undefined, role: 'adjoint du chef de la katiba' });
    given(opened()).when(recordFacts(deputy)).then(deputy);
    expect(given(opened(), deputy).view().identifications).toMatchObject([{ person: null, role: 'adjoint du chef de la katiba' }]);
  });

  it('refuses neither person nor role', () => {
    given(opened())
      .when(recordFacts(identificationPending({ person: undefined, role: undefined })))
      .thenRejects('events.0.data.person', 'required when no role');
    given(opened())
      .when(recordFacts(identificationPending({ person: null, role: null })))
      .thenRejects('events.0.data.person', 'required when no role');
  });

  it('does not count blank names as given', () => {
    given(opened())
      .when(recordFacts(identificationPending({ person: '  ', role: '' })))
      .thenRejects('events.0.data.person', 'required when no role');
  });

  it('accepts a person with no role', () => {
    given(opened()).when(recordFacts(identificationPending({ role: undefined }))).thenView();
  });

  it('shows the fate, null when not given', () => {
    expect(given(opened(), identificationPending({ fate: 'neutralised' })).view().identifications).toMatchObject([{ fate: 'neutralised' }]);
    expect(given(opened(), identificationPending()).view().identifications).toMatchObject([{ fate: null }]);
  });

  it('refuses a correction that removes the person of an identification with no role', () => {
    const pending = identificationPending({ role: undefined });
    given(opened(), pending)
      .when(recordFacts(factCorrected(pending.eventId, { person: null })))
      .thenRejects('events.0.data.data.person', 'required when no role');
  });
});

describe('ActorInvolved: kind person, and aliases', () => {
  it('accepts a person with aliases and shows them', () => {
    const actor = actorInvolved({ name: 'Adnan Abou Walid al-Sahraoui', kind: 'person', parent: 'EIGS', founded: undefined });
    given(opened()).when(recordFacts(actor)).then(actor);
    expect(given(opened(), actor).view().actors).toMatchObject([{ kind: 'person', founded: null, aliases: [] }]);
  });

  it('shows the aliases given', () => {
    const actor = actorInvolved({ name: 'EIGS', aliases: ['État islamique au Grand Sahara', 'ISGS'], parent: undefined, founded: 2015 });
    expect(given(opened(), actor).view().actors).toEqual([{
      name: 'EIGS', kind: 'armed-group', side: 'hostile', parent: null, founded: 2015, notes: null,
      aliases: ['État islamique au Grand Sahara', 'ISGS'],
      eventId: actor.eventId, confidence: 'confirmed', source: actor.source, corrections: [],
    }]);
  });
});

describe('FactCorrected v2: a new confidence, with or without data', () => {
  it("accepts a correction with only a confidence: the fact's confidence changes, its source stays", () => {
    const casualties = casualtiesReported({}, { confidence: 'probable' });
    const correction = factCorrected(casualties.eventId, {}, { factConfidence: 'confirmed', source: cite('sept terroristes', OTHER_SOURCE_ID) });
    const when = given(opened(), casualties).when(recordFacts(correction));
    when.then(correction);
    expect(when.thenView().casualties).toMatchObject([{
      confidence: 'confirmed', source: casualties.source, count: { low: 7, best: 7, high: 7 },
      corrections: [{ eventId: correction.eventId, source: cite('sept terroristes', OTHER_SOURCE_ID) }],
    }]);
  });

  it('refuses empty data without a confidence (a null confidence is none)', () => {
    const casualties = casualtiesReported();
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, {})))
      .thenRejects('events.0.data.data', 'at least one corrected field');
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, {}, { factConfidence: null as never })))
      .thenRejects('events.0.data.data', 'at least one corrected field');
  });

  it('accepts data and a confidence together', () => {
    const casualties = casualtiesReported({}, { confidence: 'possible' });
    const view = given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { status: 'killed' }, { factConfidence: 'probable' })))
      .thenView();
    expect(view.casualties).toMatchObject([{ status: 'killed', confidence: 'probable' }]);
  });

  it('keeps the confidence a correction gave when a later one changes only data', () => {
    const casualties = casualtiesReported({}, { confidence: 'possible' });
    const view = given(opened(), casualties, factCorrected(casualties.eventId, {}, { factConfidence: 'confirmed' }))
      .when(recordFacts(factCorrected(casualties.eventId, { wording: 'tués' })))
      .thenView();
    expect(view.casualties).toMatchObject([{ wording: 'tués', confidence: 'confirmed' }]);
  });

  it("does not take the correction's own confidence as the fact's", () => {
    const casualties = casualtiesReported({}, { confidence: 'confirmed' });
    const view = given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { wording: 'tués' }, { confidence: 'unverified' })))
      .thenView();
    expect(view.casualties).toMatchObject([{ confidence: 'confirmed', corrections: [{ confidence: 'unverified' }] }]);
  });

  it("restores the fact's recorded confidence when the confidence correction is retracted", () => {
    const casualties = casualtiesReported({}, { confidence: 'probable' });
    const correction = factCorrected(casualties.eventId, {}, { factConfidence: 'confirmed' });
    const view = given(opened(), casualties, correction).when(recordFacts(factRetracted(correction.eventId))).thenView();
    expect(view.casualties).toMatchObject([{ confidence: 'probable', corrections: [] }]);
  });

  it('changes the confidence of an identification', () => {
    const pending = identificationPending({}, { confidence: 'probable' });
    const view = given(opened(), pending).when(recordFacts(factCorrected(pending.eventId, {}, { factConfidence: 'confirmed' }))).thenView();
    expect(view.identifications).toMatchObject([{ identificationId: pending.eventId, confidence: 'confirmed', status: 'pending' }]);
  });
});

describe("every fact lists the corrections in force, oldest first, with each one's provenance", () => {
  const casualties = casualtiesReported({ count: { low: 5, best: 7, high: 9 } });
  const first = factCorrected(casualties.eventId, { count: { best: 8 } }, { reason: 'second communiqué', source: cite('huit terroristes', OTHER_SOURCE_ID) });
  const second = factCorrected(casualties.eventId, { status: 'killed' }, { reason: 'autopsy', confidence: 'probable', factConfidence: 'probable' });

  it('lists { eventId, reason, source, confidence, recordedAt, setsConfidence } of each, oldest first', () => {
    const view = given(opened(), casualties, first, second).view();
    expect(view.casualties[0].corrections).toEqual([
      { eventId: first.eventId, reason: 'second communiqué', source: cite('huit terroristes', OTHER_SOURCE_ID), confidence: 'confirmed', recordedAt: recordedAtOfVersion(3), setsConfidence: null },
      { eventId: second.eventId, reason: 'autopsy', source: second.source, confidence: 'probable', recordedAt: recordedAtOfVersion(4), setsConfidence: 'probable' },
    ]);
    expect(view.casualties[0]).toMatchObject({ count: { low: 5, best: 8, high: 9 }, status: 'killed', source: casualties.source });
  });

  it('removes a retracted correction from the list, keeping the others', () => {
    const view = given(opened(), casualties, first, second).when(recordFacts(factRetracted(first.eventId))).thenView();
    expect(view.casualties[0].corrections.map((c) => c.eventId)).toEqual([second.eventId]);
    expect(view.casualties[0].count).toEqual({ low: 5, best: 7, high: 9 });
  });

  it('lists corrections on every kind of fact, and only on the fact corrected', () => {
    const raid = raidConducted();
    const fix = factCorrected(raid.eventId, { target: 'camp' });
    const view = given(opened(), raid, casualties, fix).view();
    expect(view.raids[0].corrections.map((c) => c.eventId)).toEqual([fix.eventId]);
    expect(view.casualties[0].corrections).toEqual([]);
  });

  it('lists the correction on each item of corrected materiel', () => {
    const seized = materielSeized();
    const fix = factCorrected(seized.eventId, { items: [{ category: 'light-weapons', description: 'armes légères', quantity: 3 }, { category: 'documents', description: 'documents' }] });
    const view = given(opened(), seized, fix).view();
    expect(view.materiel.seized.map((item) => [item.description, item.quantity, item.corrections.map((c) => c.eventId)])).toEqual([
      ['armes légères', 3, [fix.eventId]],
      ['documents', null, [fix.eventId]],
    ]);
  });
});

describe('identification views: the decision in force, when and on what provenance', () => {
  it('shows decidedBy, decidedAt and decisionSource null while pending', () => {
    expect(given(opened(), identificationPending()).view().identifications).toMatchObject([
      { status: 'pending', decidedBy: null, decidedAt: null, decisionSource: null },
    ]);
  });

  it('shows them from the confirmation', () => {
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId, { source: cite('a été formellement identifié', OTHER_SOURCE_ID) });
    expect(given(opened(), pending, confirmation).view().identifications).toMatchObject([{
      status: 'confirmed', decidedBy: confirmation.eventId, decidedAt: recordedAtOfVersion(3),
      decisionSource: cite('a été formellement identifié', OTHER_SOURCE_ID), source: pending.source,
    }]);
  });

  it('shows them from the refutation', () => {
    const pending = identificationPending();
    const refutation = identificationRefuted(pending.eventId, { recordedAt: '2018-12-01T10:00:00.000Z' });
    expect(given(opened(), pending, refutation).view().identifications).toMatchObject([{
      status: 'refuted', decidedBy: refutation.eventId, decidedAt: '2018-12-01T10:00:00.000Z', decisionSource: refutation.source,
    }]);
  });

  it('goes back to pending, with null decision fields, when the decision is retracted', () => {
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId);
    const view = given(opened(), pending, confirmation).when(recordFacts(factRetracted(confirmation.eventId))).thenView();
    expect(view.identifications).toMatchObject([{ status: 'pending', decidedBy: null, decidedAt: null, decisionSource: null }]);
  });

  it('shows the later decision after a retracted one', () => {
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId);
    const refutation = identificationRefuted(pending.eventId);
    const view = given(opened(), pending, confirmation, factRetracted(confirmation.eventId), refutation).view();
    expect(view.identifications).toMatchObject([{ status: 'refuted', decidedBy: refutation.eventId, decidedAt: recordedAtOfVersion(5) }]);
  });
});
