import { fold } from '../../../src/domain/incident/fold';
import { factRecordOfRow, factRecordRow } from '../../../src/projections/incident-details/fact-record-row';
import {
  casualtiesReported, factCorrected, factRetracted, identificationConfirmed, identificationPending, materielSeized, opened, recorded,
} from '../domain/given-when-then';

describe('a fact record kept in a row of incident-details', () => {
  it('reads back as the fold holds it, field for field and in the same order, whatever happened to the fact', () => {
    const casualties = casualtiesReported();
    const materiel = materielSeized();
    const identification = identificationPending();
    const correction = factCorrected(casualties.eventId, { status: 'killed' }, { factConfidence: 'probable' });
    const state = fold(recorded([
      opened(), casualties, materiel, identification, correction, identificationConfirmed(identification.eventId), factRetracted(materiel.eventId),
    ]));
    for (const fact of state.facts) {
      const read = factRecordOfRow(factRecordRow(fact));
      expect(read).toEqual(fact);
      expect(JSON.stringify(read)).toBe(JSON.stringify(fact));
    }
  });

  it('takes fewer bytes than the record as an object', () => {
    const [, fact] = fold(recorded([opened(), casualtiesReported()])).facts;
    expect(factRecordRow(fact).length).toBeLessThan(JSON.stringify(fact).length * 0.75);
  });
});
