import { describeProblem, Problem } from '../../shared/problem';
import { EventTypeEntry, RuleContext, noIncidents, noInvariants, shownThroughOthers } from '../event-type';
import { evolve } from '../evolve';
import { FactRecord, findFact } from '../incident-state';
import { FactCorrectedData, targetOf } from './fact-corrected';

/** Withdraws a fact (or a correction, whose fact then reads as before it); it keeps its history. */
export interface FactRetractedData {
  retractsEventId: string;
  reason: string;
}

/**
 * Withdrawing a correction re-applies the ones that remain; the fact they leave must still be
 * valid (a later correction may only have made sense on top of the withdrawn one).
 */
function leftValidProblems(data: FactRetractedData, correction: FactRecord, context: RuleContext, eventId: string): Problem[] {
  const { correctsEventId } = correction.data as FactCorrectedData;
  const { state } = context;
  const after = evolve(state, {
    eventId, type: 'FactRetracted', data, source: { sourceId: '', excerpt: '' }, confidence: 'confirmed',
    version: state.version + 1, recordedAt: state.lastRecordedAt ?? '', recordedBy: '',
  });
  const remaining = findFact(after, correctsEventId)!;
  const problems = context.checkData(remaining.type, remaining.data);
  return problems.length === 0
    ? []
    : [{ path: 'retractsEventId', reason: `would leave event ${correctsEventId} invalid: ${problems.map(describeProblem).join('; ')}` }];
}

function retractionProblems(data: FactRetractedData, context: RuleContext, eventId: string): Problem[] {
  const target = targetOf(context, data.retractsEventId, 'retractsEventId', 'retracted');
  if (Array.isArray(target)) return target;
  if (target.type === 'IncidentOpened') {
    return [{ path: 'retractsEventId', reason: 'names the opening of the incident, which cannot be retracted (withdraw the incident instead)' }];
  }
  return target.type === 'FactCorrected' ? leftValidProblems(data, target, context, eventId) : [];
}

export const factRetracted: EventTypeEntry<FactRetractedData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: noInvariants,
  rules: retractionProblems,
  correctable: false,
  referencedIncidents: noIncidents,
  show: shownThroughOthers,
};
