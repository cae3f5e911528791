import { invariantsOnly } from '../../../src/domain/incident/decide';
import { DomainRuleViolation } from '../../../src/domain/incident/incident-errors';
import { isInForce } from '../../../src/domain/incident/incident-state';
import {
  actorInvolved, casualtiesReported, factCorrected, factRetracted, given, identificationConfirmed, identificationPending,
  opened, recordFacts,
} from './given-when-then';

const UNKNOWN_ID = '0193ffff-0000-7000-8000-00000000dead';

describe('retractions: must name an event of this incident that stands', () => {
  it('accepts a retraction of a recorded fact', () => {
    const actor = actorInvolved();
    const retraction = factRetracted(actor.eventId);
    given(opened(), actor).when(recordFacts(retraction)).then(retraction);
  });

  it('refuses a retraction of an unknown event', () => {
    given(opened(), actorInvolved())
      .when(recordFacts(factRetracted(UNKNOWN_ID)))
      .thenRejects('events.0.data.retractsEventId', 'names no event');
  });

  it('refuses to retract a fact twice', () => {
    const actor = actorInvolved();
    given(opened(), actor, factRetracted(actor.eventId))
      .when(recordFacts(factRetracted(actor.eventId)))
      .thenRejects('events.0.data.retractsEventId', 'retracted');
  });

  it('refuses to retract a fact twice in the same batch', () => {
    const actor = actorInvolved();
    given(opened(), actor)
      .when(recordFacts(factRetracted(actor.eventId), factRetracted(actor.eventId)))
      .thenRejects('events.1.data.retractsEventId', 'retracted');
  });

  it('refuses to retract the opening of the incident', () => {
    const opening = opened();
    given(opening, actorInvolved())
      .when(recordFacts(factRetracted(opening.eventId)))
      .thenRejects('events.0.data.retractsEventId', 'opening');
  });

  it('refuses to retract a retraction', () => {
    const actor = actorInvolved();
    const retraction = factRetracted(actor.eventId);
    given(opened(), actor, retraction)
      .when(recordFacts(factRetracted(retraction.eventId)))
      .thenRejects('events.0.data.retractsEventId', 'retraction');
  });

  it('accepts a retraction of a correction or of a confirmation', () => {
    const casualties = casualtiesReported();
    const correction = factCorrected(casualties.eventId, { status: 'killed' });
    const pending = identificationPending();
    const confirmation = identificationConfirmed(pending.eventId);
    given(opened(), casualties, correction, pending, confirmation)
      .when(recordFacts(factRetracted(correction.eventId), factRetracted(confirmation.eventId)))
      .thenView();
  });
});

describe('retractions: the facts left must keep their rules', () => {
  // A user corrects 7/7/7 in two steps: high 20, then best 15 (accepted: 7 ≤ 15 ≤ 20). Retracting
  // the first step would leave best 15 over the original high 7, a count no correction could
  // have made. Either the retraction is refused or the count left keeps low ≤ best ≤ high.
  it('does not let a retraction leave a count with high below best', () => {
    const casualties = casualtiesReported({ count: { low: 7, best: 7, high: 7 } });
    const raiseHigh = factCorrected(casualties.eventId, { count: { high: 20 } });
    const raiseBest = factCorrected(casualties.eventId, { count: { best: 15 } });

    const outcome = given(opened(), casualties, raiseHigh, raiseBest)
      .when(recordFacts(factRetracted(raiseHigh.eventId)))
      .outcome();

    if (outcome.accepted) {
      const broken = outcome.state.facts
        .filter(isInForce)
        .flatMap((fact) => invariantsOnly(fact.type, fact.data).map((p) => `${fact.type} ${fact.eventId}: ${p.path} ${p.reason}`));
      expect(broken).toEqual([]);
      const { best, high } = outcome.view.casualties[0].count;
      expect(high).toBeGreaterThanOrEqual(best ?? 0);
    } else {
      expect(outcome.error).toBeInstanceOf(DomainRuleViolation);
    }
  });
});
