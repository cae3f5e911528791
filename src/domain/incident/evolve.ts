import { mergeCorrection } from '../shared/merge-correction';
import { RecordedIncidentEvent } from './incident-events';
import { CorrectionRecord, FactRecord, IncidentState, findFact, replaceFact } from './incident-state';

/** A fact's current data and confidence: what was recorded, with its corrections in force applied in order. */
function withCorrections(fact: FactRecord, corrections: CorrectionRecord[]): FactRecord {
  return {
    ...fact,
    corrections,
    data: corrections.reduce((data, correction) => mergeCorrection(data, correction.data), fact.recordedData),
    confidence: corrections.reduce((confidence, c) => c.factConfidence ?? confidence, fact.recordedConfidence),
  };
}

/** The state after the event; `state` itself is left as it was. */
export function evolve(state: IncidentState, event: RecordedIncidentEvent): IncidentState {
  const next = { ...state, facts: [...state.facts] };
  evolveInPlace(next, event);
  return next;
}

/**
 * What `evolve` does, on a state its caller owns: the fact is added and the facts it changes are
 * replaced in place, so a fold over a long history does not copy the history at every event.
 * Fact records themselves are never changed, only replaced: a record read before stays as it was.
 */
export function evolveInPlace(state: IncidentState, event: RecordedIncidentEvent): void {
  const record: FactRecord = {
    eventId: event.eventId,
    type: event.type,
    recordedData: event.data,
    data: event.data,
    source: event.source,
    recordedConfidence: event.confidence,
    confidence: event.confidence,
    version: event.version,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    retractedBy: null,
    corrections: [],
    decision: null,
  };
  const before = state.withdrawnBy ?? null;
  state.facts.push(record);

  switch (event.type) {
    case 'FactCorrected': {
      const { correctsEventId, data, reason, confidence } = event.data;
      const correction: CorrectionRecord = {
        eventId: event.eventId, reason, source: event.source, confidence: event.confidence, recordedAt: event.recordedAt,
        data, factConfidence: confidence ?? null,
      };
      replaceFact(state, correctsEventId, (target) => withCorrections(target, [...target.corrections, correction]));
      break;
    }
    case 'FactRetracted': {
      const { retractsEventId } = event.data;
      const retracted = findFact(state, retractsEventId);
      replaceFact(state, retractsEventId, (fact) => ({ ...fact, retractedBy: event.eventId }));
      if (retracted?.type === 'FactCorrected') {
        const { correctsEventId } = retracted.data as { correctsEventId: string };
        replaceFact(state, correctsEventId, (target) => withCorrections(target, target.corrections.filter((c) => c.eventId !== retractsEventId)));
      }
      if (retracted?.type === 'IdentificationConfirmed' || retracted?.type === 'IdentificationRefuted') {
        const { identificationId } = retracted.data as { identificationId: string };
        replaceFact(state, identificationId, (identification) => ({ ...identification, decision: null }));
      }
      break;
    }
    case 'IdentificationConfirmed':
    case 'IdentificationRefuted': {
      const decision = { eventId: event.eventId, type: event.type, recordedAt: event.recordedAt, source: event.source };
      replaceFact(state, event.data.identificationId, (identification) => ({ ...identification, decision }));
      break;
    }
  }

  if (event.type === 'IncidentOpened') state.incidentId = event.data.incidentId;
  state.version = event.version;
  state.openedAt = state.openedAt ?? event.recordedAt;
  state.lastRecordedAt = event.recordedAt;
  state.withdrawnBy = event.type === 'IncidentWithdrawn' ? event.eventId
    : event.type === 'FactRetracted' && event.data.retractsEventId === before ? null : before;
}
