import { Confidence } from '../../shared/confidence';
import { isPlainObject, mergeCorrection } from '../../shared/merge-correction';
import { Problem, prefixProblems } from '../../shared/problem';
import { EventTypeEntry, RuleContext, noIncidents, noInvariants, shownThroughOthers } from '../event-type';
import { FactRecord, findFact, isInForce } from '../incident-state';
import { raidModeToModes } from './raid-conducted';
import { strikeMeansToList } from './strike-conducted';

/**
 * A correction of a fact: the fields it changes, merged over the fact's data, and optionally
 * the fact's new confidence (then `data` may be empty). It keeps its own provenance.
 */
export interface FactCorrectedData {
  correctsEventId: string;
  data: Record<string, unknown>;
  reason: string;
  confidence?: Confidence | null;
}

/**
 * Corrected fields written under an older shape read in the current one. A v1 correction names
 * no schema of its target, but the fields whose shape changed are unambiguous: `mode` only ever
 * belonged to a raid, and `means` was a single string only in a strike. Requests may still use
 * the old fields, so new corrections go through this too.
 */
const correctedFieldsInCurrentShape = (fields: Record<string, unknown>): Record<string, unknown> =>
  strikeMeansToList(raidModeToModes(fields));

const correctedDataToCurrentShape = (data: FactCorrectedData): FactCorrectedData =>
  isPlainObject(data.data) ? { ...data, data: correctedFieldsInCurrentShape(data.data) } : data;

/** The fact a correction or retraction names, or why it cannot be named. */
export function targetOf(context: RuleContext, eventId: string, path: string, verb: string): FactRecord | Problem[] {
  const target = findFact(context.state, eventId);
  if (!target) return [{ path, reason: `names no event of this incident (${eventId})` }];
  if (!isInForce(target)) return [{ path, reason: `names event ${eventId}, which was retracted and cannot be ${verb}` }];
  if (target.type === 'FactRetracted') return [{ path, reason: `names a retraction, which cannot be ${verb}` }];
  return target;
}

function correctionProblems(correction: FactCorrectedData, context: RuleContext): Problem[] {
  const target = targetOf(context, correction.correctsEventId, 'correctsEventId', 'corrected');
  if (Array.isArray(target)) return target;
  if (!context.isCorrectable(target.type)) {
    return [{ path: 'correctsEventId', reason: `names a ${target.type}, which cannot be corrected; retract it and record another` }];
  }
  const hasConfidence = correction.confidence !== undefined && correction.confidence !== null;
  if (Object.keys(correction.data).length === 0 && !hasConfidence) {
    return [{ path: 'data', reason: 'must name at least one corrected field (or give a new confidence)' }];
  }
  if (target.type === 'IncidentOpened' && 'incidentId' in correction.data) return [{ path: 'data.incidentId', reason: 'cannot be corrected' }];
  const merged = mergeCorrection(target.data, correction.data);
  const problems = context.checkData(target.type, merged);
  return prefixProblems('data', problems.length > 0 ? problems : context.rulesOf(target.type, merged, target.eventId));
}

export const factCorrected: EventTypeEntry<FactCorrectedData> = {
  schemaVersion: 2,
  upcasters: [correctedDataToCurrentShape],
  invariants: noInvariants,
  rules: correctionProblems,
  correctable: false,
  referencedIncidents: noIncidents,
  show: shownThroughOthers,
};
