import { mergeCorrection } from '../shared/merge-correction';
import { FactCorrectedData, FactRetractedData, RecordedIncidentEvent } from './incident-events';
import { FactRecord, IncidentState, isInForce } from './incident-state';

/** Recomputes a fact's current data from what was recorded and the corrections still in force. */
function withCorrections(target: FactRecord, facts: FactRecord[]): FactRecord {
  const data = facts
    .filter((f) => f.type === 'FactCorrected' && isInForce(f))
    .map((f) => f.data as FactCorrectedData)
    .filter((correction) => correction.correctsEventId === target.eventId)
    .reduce((current, correction) => mergeCorrection(current, correction.data), target.recordedData);
  return { ...target, data };
}

function recompute(facts: FactRecord[], eventId: string): FactRecord[] {
  return facts.map((fact) => (fact.eventId === eventId ? withCorrections(fact, facts) : fact));
}

export function evolve(state: IncidentState, event: RecordedIncidentEvent): IncidentState {
  const record: FactRecord = {
    eventId: event.eventId,
    type: event.type,
    recordedData: event.data,
    data: event.data,
    source: event.source,
    confidence: event.confidence,
    version: event.version,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    retractedBy: null,
  };
  let facts = [...state.facts, record];

  if (event.type === 'FactCorrected') {
    facts = recompute(facts, (event.data as FactCorrectedData).correctsEventId);
  }
  if (event.type === 'FactRetracted') {
    const retracted = facts.find((f) => f.eventId === (event.data as FactRetractedData).retractsEventId);
    facts = facts.map((f) => (f === retracted ? { ...f, retractedBy: event.eventId } : f));
    if (retracted?.type === 'FactCorrected') {
      facts = recompute(facts, (retracted.data as FactCorrectedData).correctsEventId);
    }
  }

  return {
    incidentId: event.type === 'IncidentOpened' ? event.data.incidentId : state.incidentId,
    version: event.version,
    facts,
    openedAt: state.openedAt ?? event.recordedAt,
    lastRecordedAt: event.recordedAt,
  };
}
