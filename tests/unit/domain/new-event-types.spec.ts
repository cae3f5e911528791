import {
  activityReported, attackReported, cite, factCorrected, factRetracted, given, opened, personsAbducted, personsDetained,
  recordFacts, recordedAtOfVersion, siteDiscovered,
} from './given-when-then';

describe('AttackReported', () => {
  it('is accepted and shown in attacks with its event, confidence, source and corrections', () => {
    const attack = attackReported({}, { confidence: 'probable', source: cite('attaque contre un convoi') });
    given(opened()).when(recordFacts(attack)).then(attack);
    const view = given(opened()).when(recordFacts(attack)).thenView();
    expect(view.attacks).toEqual([{
      by: 'EIGS', against: 'military', means: ['ied', 'small-arms'], description: 'attaque contre un convoi logistique',
      eventId: attack.eventId, confidence: 'probable', source: cite('attaque contre un convoi'), corrections: [],
    }]);
  });

  it('shows by null when the source names no attacker', () => {
    const view = given(opened()).when(recordFacts(attackReported({ by: undefined, against: 'civilians', means: ['arson'] }))).thenView();
    expect(view.attacks).toMatchObject([{ by: null, against: 'civilians', means: ['arson'] }]);
  });

  it('can be corrected (the attacker named later) and lists the correction', () => {
    const attack = attackReported({ by: null });
    const correction = factCorrected(attack.eventId, { by: 'JNIM' }, { source: cite('revendiquée par le JNIM') });
    const view = given(opened(), attack).when(recordFacts(correction)).thenView();
    expect(view.attacks).toMatchObject([{
      by: 'JNIM', source: attack.source,
      corrections: [{ eventId: correction.eventId, reason: 'later communiqué', source: cite('revendiquée par le JNIM'), confidence: 'confirmed', recordedAt: recordedAtOfVersion(3) }],
    }]);
  });
});

describe('PersonsDetained', () => {
  it('is accepted and shown in detentions with its count complete and attribution', () => {
    const detained = personsDetained();
    given(opened()).when(recordFacts(detained)).then(detained);
    expect(given(opened(), detained).view().detentions).toEqual([{
      count: { low: 2, best: null, high: null }, description: 'plusieurs suspects interpellés', by: 'Barkhane',
      handedTo: 'la justice malienne', eventId: detained.eventId, confidence: 'confirmed', source: detained.source, corrections: [],
    }]);
  });

  it('shows by and handedTo null when not stated', () => {
    const detained = personsDetained({ count: { best: 4 }, by: undefined, handedTo: null });
    expect(given(opened(), detained).view().detentions).toMatchObject([{ count: { low: null, best: 4, high: null }, by: null, handedTo: null }]);
  });
});

describe('PersonsAbducted', () => {
  it('is accepted and shown in abductions', () => {
    const abducted = personsAbducted();
    given(opened()).when(recordFacts(abducted)).then(abducted);
    expect(given(opened(), abducted).view().abductions).toEqual([{
      count: { low: null, best: 3, high: null }, description: 'trois civils enlevés', by: 'armed group',
      eventId: abducted.eventId, confidence: 'confirmed', source: abducted.source, corrections: [],
    }]);
  });

  it('shows by null when not stated', () => {
    expect(given(opened(), personsAbducted({ by: undefined })).view().abductions).toMatchObject([{ by: null }]);
  });
});

describe('SiteDiscovered', () => {
  it('is accepted and shown in sitesDiscovered', () => {
    const site = siteDiscovered({}, { confidence: 'possible' });
    given(opened()).when(recordFacts(site)).then(site);
    expect(given(opened(), site).view().sitesDiscovered).toEqual([{
      kind: 'weapons-cache', description: "une cache d'armes", eventId: site.eventId, confidence: 'possible', source: site.source, corrections: [],
    }]);
  });
});

describe('ActivityReported', () => {
  it('is accepted with a count and shown in activities with the count complete', () => {
    const sorties = activityReported();
    given(opened()).when(recordFacts(sorties)).then(sorties);
    expect(given(opened(), sorties).view().activities).toEqual([{
      kind: 'air-sorties', force: 'French air force', count: { low: 45, best: 50, high: 55 },
      description: 'une cinquantaine de sorties aériennes', eventId: sorties.eventId, confidence: 'confirmed', source: sorties.source, corrections: [],
    }]);
  });

  it('is accepted without a count or a force, shown null', () => {
    const patrol = activityReported({ kind: 'patrol', force: undefined, count: undefined, description: 'patrouilles dans la zone' });
    given(opened()).when(recordFacts(patrol)).then(patrol);
    expect(given(opened(), patrol).view().activities).toEqual([{
      kind: 'patrol', force: null, count: null, description: 'patrouilles dans la zone',
      eventId: patrol.eventId, confidence: 'confirmed', source: patrol.source, corrections: [],
    }]);
  });

  it('treats a null count as no count', () => {
    expect(given(opened(), activityReported({ count: null })).view().activities).toMatchObject([{ count: null }]);
  });
});

describe('new types: retracted facts leave their list', () => {
  it('leaves out each new kind of fact once retracted', () => {
    const facts = [attackReported(), personsDetained(), personsAbducted(), siteDiscovered(), activityReported()];
    const view = given(opened(), ...facts).when(recordFacts(...facts.map((f) => factRetracted(f.eventId)))).thenView();
    expect([view.attacks, view.detentions, view.abductions, view.sitesDiscovered, view.activities]).toEqual([[], [], [], [], []]);
  });
});
