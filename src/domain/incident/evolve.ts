import { mergeCorrection } from '../shared/merge-correction';
import { FactCorrectedData } from './event-types/fact-corrected';
import { FactRetractedData } from './event-types/fact-retracted';
import { RecordedIncidentEvent } from './incident-events';
import { CorrectionRecord, FactRecord, IncidentState } from './incident-state';

/** A fact's current data and confidence: what was recorded, with its corrections in force applied in order. */
function withCorrections(fact: FactRecord, corrections: CorrectionRecord[]): FactRecord {
  return {
    ...fact,
    corrections,
    data: corrections.reduce((data, correction) => mergeCorrection(data, correction.data), fact.recordedData),
    confidence: corrections.reduce((confidence, c) => c.factConfidence ?? confidence, fact.recordedConfidence),
  };
}

const replaceFact = (facts: FactRecord[], eventId: string, change: (fact: FactRecord) => FactRecord): FactRecord[] =>
  facts.map((fact) => (fact.eventId === eventId ? change(fact) : fact));

export function evolve(state: IncidentState, event: RecordedIncidentEvent): IncidentState {
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
  };
  let facts = [...state.facts, record];

  if (event.type === 'FactCorrected') {
    const { correctsEventId, data, reason, confidence } = event.data as FactCorrectedData;
    const correction: CorrectionRecord = {
      eventId: event.eventId, reason, source: event.source, confidence: event.confidence, recordedAt: event.recordedAt,
      data, factConfidence: confidence ?? null,
    };
    facts = replaceFact(facts, correctsEventId, (target) => withCorrections(target, [...target.corrections, correction]));
  }
  if (event.type === 'FactRetracted') {
    const { retractsEventId } = event.data as FactRetractedData;
    const retracted = facts.find((f) => f.eventId === retractsEventId);
    facts = replaceFact(facts, retractsEventId, (fact) => ({ ...fact, retractedBy: event.eventId }));
    if (retracted?.type === 'FactCorrected') {
      const { correctsEventId } = retracted.data as FactCorrectedData;
      facts = replaceFact(facts, correctsEventId, (target) =>
        withCorrections(target, target.corrections.filter((c) => c.eventId !== retractsEventId)),
      );
    }
  }

  return {
    incidentId: event.type === 'IncidentOpened' ? event.data.incidentId : state.incidentId,
    version: event.version,
    facts,
    openedAt: state.openedAt ?? event.recordedAt,
    lastRecordedAt: event.recordedAt,
    withdrawnBy: withdrawnAfter(state, event),
  };
}

function withdrawnAfter(state: IncidentState, event: RecordedIncidentEvent): string | null {
  if (event.type === 'IncidentWithdrawn') return event.eventId;
  if (event.type === 'FactRetracted' && event.data.retractsEventId === state.withdrawnBy) return null;
  return state.withdrawnBy ?? null;
}
