import {
  casualtiesReported, factRetracted, given, identificationConfirmed, identificationPending, identificationRefuted,
  opened, recordFacts,
} from './given-when-then';

describe('identifications: confirming or refuting needs a pending identification of this incident', () => {
  it('confirms a pending identification', () => {
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId);
    given(opened(), pending).when(recordFacts(confirmation)).then(confirmation);
  });

  it('refutes a pending identification', () => {
    const pending = identificationPending();
    const refutation = identificationRefuted(pending.eventId);
    given(opened(), pending).when(recordFacts(refutation)).then(refutation);
  });

  it('refuses to confirm an unknown identification id', () => {
    given(opened(), identificationPending())
      .when(recordFacts(identificationConfirmed('0193ffff-0000-7000-8000-00000000dead')))
      .thenRejects('events.0.data.identificationId', 'names no identification');
  });

  it('refuses to refute an unknown identification id', () => {
    given(opened(), identificationPending())
      .when(recordFacts(identificationRefuted('0193ffff-0000-7000-8000-00000000dead')))
      .thenRejects('events.0.data.identificationId', 'names no identification');
  });

  it('refuses an id that names another kind of event', () => {
    const casualties = casualtiesReported();
    given(opened(), casualties)
      .when(recordFacts(identificationConfirmed(casualties.eventId)))
      .thenRejects('events.0.data.identificationId', 'names no identification');
  });

  it("refuses the opening's id", () => {
    const opening = opened();
    given(opening)
      .when(recordFacts(identificationRefuted(opening.eventId)))
      .thenRejects('events.0.data.identificationId', 'names no identification');
  });
});

describe('identifications: must still be pending', () => {
  it('refuses to confirm twice', () => {
    const pending = identificationPending();
    given(opened(), pending, identificationConfirmed(pending.eventId))
      .when(recordFacts(identificationConfirmed(pending.eventId)))
      .thenRejects('events.0.data.identificationId', 'no longer pending');
  });

  it('refuses to refute a confirmed identification', () => {
    const pending = identificationPending();
    given(opened(), pending, identificationConfirmed(pending.eventId))
      .when(recordFacts(identificationRefuted(pending.eventId)))
      .thenRejects('events.0.data.identificationId', 'no longer pending');
  });

  it('refuses to confirm a refuted identification', () => {
    const pending = identificationPending();
    given(opened(), pending, identificationRefuted(pending.eventId))
      .when(recordFacts(identificationConfirmed(pending.eventId)))
      .thenRejects('events.0.data.identificationId', 'no longer pending');
  });

  it('refuses to confirm twice in the same batch', () => {
    const pending = identificationPending();
    given(opened(), pending)
      .when(recordFacts(identificationConfirmed(pending.eventId), identificationConfirmed(pending.eventId)))
      .thenRejects('events.1.data.identificationId', 'no longer pending');
  });

  it('refuses to confirm a retracted identification', () => {
    const pending = identificationPending();
    given(opened(), pending, factRetracted(pending.eventId))
      .when(recordFacts(identificationConfirmed(pending.eventId)))
      .thenRejects('events.0.data.identificationId', 'retracted');
  });

  it('accepts a new decision once the previous one was retracted', () => {
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId);
    const refutation = identificationRefuted(pending.eventId);
    const view = given(opened(), pending, confirmation, factRetracted(confirmation.eventId))
      .when(recordFacts(refutation))
      .thenView();
    expect(view.identifications).toMatchObject([{ identificationId: pending.eventId, status: 'refuted', decidedBy: refutation.eventId }]);
  });
});

describe('identifications: pending and decided in one batch', () => {
  it('accepts an identification and its confirmation in the same batch', () => {
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId);
    given(opened()).when(recordFacts(pending, confirmation)).then(pending, confirmation);
  });

  it('shows it confirmed afterwards', () => {
    const pending = identificationPending();
    const view = given(opened()).when(recordFacts(pending, identificationConfirmed(pending.eventId))).thenView();
    expect(view.identifications).toMatchObject([{ identificationId: pending.eventId, person: 'Almansour Ag Alkassam', status: 'confirmed' }]);
  });

  it('refuses a confirmation placed before its identification in the batch', () => {
    const pending = identificationPending();
    given(opened())
      .when(recordFacts(identificationConfirmed(pending.eventId), pending))
      .thenRejects('events.0.data.identificationId', 'names no identification');
  });
});
