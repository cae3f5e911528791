import { Confidence } from '../shared/confidence';
import { Problem, describeProblem, prefixProblems } from '../shared/problem';
import { Provenance } from '../shared/provenance';
import { mergeCorrection } from '../shared/merge-correction';
import { evolve } from './evolve';
import { factInvariantProblems } from './fact-invariants';
import { FactCorrectedData, FactType, IncidentEvent, IncidentEventDataByType, IncidentEventType, IncidentOpenedData } from './incident-events';
import { DomainRuleViolation, IncidentNotOpened } from './incident-errors';
import { FactRecord, IncidentState, findFact, isInForce } from './incident-state';

export interface OpenIncident {
  kind: 'OpenIncident';
  eventId: string;
  data: IncidentOpenedData;
  source: Provenance;
  confidence: Confidence;
}

export type ProposedFact = {
  [T in FactType]: { eventId: string; type: T; data: IncidentEventDataByType[T]; source: Provenance; confidence: Confidence };
}[FactType];

export interface RecordFacts {
  kind: 'RecordFacts';
  events: ProposedFact[];
}

export type IncidentCommand = OpenIncident | RecordFacts;

/** Checks an event's data; the edge passes one that adds shape checks to the domain's invariants. */
export type DataCheck = (type: IncidentEventType, data: unknown) => Problem[];

/** Events that change how other facts read; they cannot themselves be corrected. */
const UNCORRECTABLE: readonly IncidentEventType[] = ['FactCorrected', 'FactRetracted', 'IdentificationConfirmed', 'IdentificationRefuted'];

export function decide(command: IncidentCommand, state: IncidentState, checkData: DataCheck = factInvariantProblems): IncidentEvent[] {
  return command.kind === 'OpenIncident' ? decideOpen(command, state, checkData) : decideFacts(command, state, checkData);
}

function decideOpen(command: OpenIncident, state: IncidentState, checkData: DataCheck): IncidentEvent[] {
  if (state.incidentId !== null) {
    throw new DomainRuleViolation([{ path: 'incidentId', reason: `incident ${state.incidentId} is already open` }]);
  }
  const problems = checkData('IncidentOpened', command.data);
  if (problems.length > 0) throw new DomainRuleViolation(problems);
  const { eventId, data, source, confidence } = command;
  return [{ eventId, type: 'IncidentOpened', data, source, confidence }];
}

function decideFacts(command: RecordFacts, initial: IncidentState, checkData: DataCheck): IncidentEvent[] {
  if (initial.incidentId === null) throw new IncidentNotOpened();
  if (command.events.length === 0) throw new DomainRuleViolation([{ path: 'events', reason: 'must hold at least one event' }]);

  const problems: Problem[] = [];
  let state = initial;
  command.events.forEach((fact, index) => {
    const found = factProblems(fact, state, checkData);
    problems.push(...prefixProblems(`events.${index}`, found));
    if (found.length === 0) {
      // Later events of the same request may refer to earlier ones (record then confirm).
      state = provisionally(state, fact);
    }
  });
  if (problems.length > 0) throw new DomainRuleViolation(problems);
  return command.events;
}

function factProblems(fact: ProposedFact, state: IncidentState, checkData: DataCheck): Problem[] {
  if ((fact.type as IncidentEventType) === 'IncidentOpened') {
    return [{ path: 'type', reason: 'IncidentOpened is only the first event of an incident, made by opening it' }];
  }
  if (findFact(state, fact.eventId)) {
    return [{ path: 'eventId', reason: `event ${fact.eventId} is already in this incident with other content` }];
  }
  const dataProblems = prefixProblems('data', checkData(fact.type, fact.data));
  if (dataProblems.length > 0) return dataProblems;

  switch (fact.type) {
    case 'IdentificationConfirmed':
    case 'IdentificationRefuted':
      return prefixProblems('data.identificationId', pendingIdentificationProblems(state, fact.data.identificationId));
    case 'FactCorrected': {
      const target = targetProblems(state, fact.data.correctsEventId, 'corrected');
      if (typeof target !== 'object' || Array.isArray(target)) return prefixProblems('data.correctsEventId', target);
      return correctionProblems(target, fact.data.data, checkData);
    }
    case 'FactRetracted': {
      const target = targetProblems(state, fact.data.retractsEventId, 'retracted');
      if (Array.isArray(target)) return prefixProblems('data.retractsEventId', target);
      if (target.type === 'IncidentOpened') {
        return [{ path: 'data.retractsEventId', reason: 'names the opening of the incident, which cannot be retracted' }];
      }
      return target.type === 'FactCorrected' ? withdrawalProblems(state, fact, target, checkData) : [];
    }
    default:
      return [];
  }
}

function pendingIdentificationProblems(state: IncidentState, identificationId: string): Problem[] {
  const identification = findFact(state, identificationId);
  if (!identification || identification.type !== 'IdentificationPending') {
    return [{ path: '', reason: `names no identification of this incident (${identificationId})` }];
  }
  if (!isInForce(identification)) return [{ path: '', reason: `names identification ${identificationId}, which was retracted` }];
  const decided = state.facts.find(
    (f) => (f.type === 'IdentificationConfirmed' || f.type === 'IdentificationRefuted') && isInForce(f) &&
      (f.data as { identificationId: string }).identificationId === identificationId,
  );
  return decided
    ? [{ path: '', reason: `names identification ${identificationId}, which is no longer pending (${decided.type})` }]
    : [];
}

/**
 * Withdrawing a correction re-applies the ones that remain; the fact they leave must still be
 * valid (a later correction may only have made sense on top of the withdrawn one).
 */
function withdrawalProblems(state: IncidentState, retraction: ProposedFact, correction: FactRecord, checkData: DataCheck): Problem[] {
  const correctedId = (correction.data as FactCorrectedData).correctsEventId;
  const remaining = findFact(provisionally(state, retraction), correctedId)!;
  const problems = checkData(remaining.type, remaining.data);
  return problems.length === 0
    ? []
    : [{ path: 'data.retractsEventId', reason: `would leave event ${correctedId} invalid: ${problems.map(describeProblem).join('; ')}` }];
}

/** The state as if a proposed fact were recorded, to judge what follows it. */
const provisionally = (state: IncidentState, fact: ProposedFact): IncidentState =>
  evolve(state, { ...fact, version: state.version + 1, recordedAt: state.lastRecordedAt ?? '', recordedBy: '' });

/** The fact a correction or retraction names, or why it cannot be named. */
function targetProblems(state: IncidentState, eventId: string, verb: string): FactRecord | Problem[] {
  const target = findFact(state, eventId);
  if (!target) return [{ path: '', reason: `names no event of this incident (${eventId})` }];
  if (!isInForce(target)) return [{ path: '', reason: `names event ${eventId}, which was retracted and cannot be ${verb}` }];
  if (target.type === 'FactRetracted') return [{ path: '', reason: `names a retraction, which cannot be ${verb}` }];
  return target;
}

function correctionProblems(target: FactRecord, correction: Record<string, unknown>, checkData: DataCheck): Problem[] {
  if (UNCORRECTABLE.includes(target.type)) {
    return [{ path: 'data.correctsEventId', reason: `names a ${target.type}, which cannot be corrected; retract it and record another` }];
  }
  if (Object.keys(correction).length === 0) return [{ path: 'data.data', reason: 'must name at least one corrected field' }];
  if (target.type === 'IncidentOpened' && 'incidentId' in correction) {
    return [{ path: 'data.data.incidentId', reason: 'cannot be corrected' }];
  }
  return prefixProblems('data.data', checkData(target.type, mergeCorrection(target.data, correction)));
}
