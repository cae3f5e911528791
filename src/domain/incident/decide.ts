import { Confidence } from '../shared/confidence';
import { isPlainObject, mergeCorrection } from '../shared/merge-correction';
import { Problem, prefixProblems } from '../shared/problem';
import { Provenance } from '../shared/provenance';
import { entryOf } from './event-catalogue';
import { RuleContext } from './event-type';
import { evolve, evolveInPlace } from './evolve';
import { FactType, IncidentEvent, IncidentEventDataByType, IncidentEventType, IncidentOpenedData, RecordedIncidentEvent } from './incident-events';
import { DomainRuleViolation, IncidentNotOpened } from './incident-errors';
import { IncidentState, findFact, indexFacts, withdrawalOf } from './incident-state';

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

/** The invariants alone: enough where the shape is known to be right (domain tests, stored events). */
export const invariantsOnly: DataCheck = (type, data) =>
  isPlainObject(data) ? entryOf(type).invariants(data) : [{ path: '', reason: 'must be an object' }];

/** What `decide` needs to know beyond the incident: the edge's data check and which other incidents exist. */
export interface DecisionContext {
  /** The whole check of data no edge has seen: an opening, and a fact as a correction leaves it. */
  checkData: DataCheck;
  /** Answers for every id `incidentsNamedBy` returned for the command. */
  incidentExists(incidentId: string): boolean;
}

const NO_OTHER_INCIDENTS: DecisionContext = { checkData: invariantsOnly, incidentExists: () => false };

/**
 * The other incidents a command's facts name (links, duplicates, and those a correction would
 * leave named): the caller finds out which exist before it calls `decide`.
 */
export function incidentsNamedBy(command: IncidentCommand, state: IncidentState): string[] {
  if (command.kind === 'OpenIncident') return [];
  let current = state;
  const named = command.events.flatMap((fact): string[] => {
    const names = safely(() => namedByFact(fact, current));
    // A correction may name a fact proposed earlier in the same command.
    current = safelyEvolved(current, fact);
    return names;
  });
  return [...new Set(named.filter((id) => typeof id === 'string'))];
}

function namedByFact(fact: ProposedFact, state: IncidentState): string[] {
  if (fact.type !== 'FactCorrected') return entryOf(fact.type).referencedIncidents(fact.data);
  const target = isPlainObject(fact.data) ? findFact(state, fact.data.correctsEventId) : undefined;
  if (!target || !isPlainObject(fact.data.data)) return [];
  const merged = mergeCorrection(target.data, fact.data.data);
  return isPlainObject(merged) ? entryOf(target.type).referencedIncidents(merged) : [];
}

/** A proposed fact as if recorded next: later facts of the same command are decided with it. */
const asNext = (state: IncidentState, fact: ProposedFact): RecordedIncidentEvent =>
  ({ ...fact, version: state.version + 1, recordedAt: state.lastRecordedAt ?? '', recordedBy: '' }) as RecordedIncidentEvent;

const provisionally = (state: IncidentState, fact: ProposedFact): IncidentState => evolve(state, asNext(state, fact));

/** Facts not checked yet may not evolve (a correction naming nothing): the state stays as it was. */
function safelyEvolved(state: IncidentState, fact: ProposedFact): IncidentState {
  try {
    return provisionally(state, fact);
  } catch {
    return state;
  }
}

/** Data not checked yet may not have the fields a function expects. */
function safely(names: () => string[]): string[] {
  try {
    return names();
  } catch {
    return [];
  }
}

export function decide(command: IncidentCommand, state: IncidentState, context: DecisionContext = NO_OTHER_INCIDENTS): IncidentEvent[] {
  return command.kind === 'OpenIncident' ? decideOpen(command, state, context) : decideFacts(command, state, context);
}

function decideOpen(command: OpenIncident, state: IncidentState, { checkData }: DecisionContext): IncidentEvent[] {
  if (state.incidentId !== null) {
    throw new DomainRuleViolation([{ path: 'incidentId', reason: `incident ${state.incidentId} is already open` }]);
  }
  const problems = checkData('IncidentOpened', command.data);
  if (problems.length > 0) throw new DomainRuleViolation(problems);
  const { eventId, data, source, confidence } = command;
  return [{ eventId, type: 'IncidentOpened', data, source, confidence }];
}

/** Proposed facts from which a command's working state is indexed (see `decideFacts`). */
const INDEX_FROM_FACTS = 8;

/** Problems are named by the index of the proposed fact: `events.<index>.<field>`. */
function decideFacts(command: RecordFacts, initial: IncidentState, context: DecisionContext): IncidentEvent[] {
  if (initial.incidentId === null) throw new IncidentNotOpened();
  if (command.events.length === 0) throw new DomainRuleViolation([{ path: 'events', reason: 'must hold at least one event' }]);

  const problems: Problem[] = [];
  // Later events of the same request may refer to earlier ones (record then confirm): each one
  // accepted is folded into this copy, made once for the command (not once per fact, which cost
  // a copy of the incident's whole history for every fact of a long request). Each fact looks
  // facts up (its id already used? the fact it names?): a scan of the history each time, unless
  // the copy is indexed, which costs about ten scans; so a command of many facts indexes it.
  const state: IncidentState = { ...initial, facts: [...initial.facts] };
  if (command.events.length >= INDEX_FROM_FACTS) indexFacts(state);
  command.events.forEach((fact, index) => {
    const found = factProblems(fact, state, context);
    problems.push(...prefixProblems(`events.${index}`, found));
    if (found.length === 0) evolveInPlace(state, asNext(state, fact));
  });
  if (problems.length > 0) throw new DomainRuleViolation(problems);
  return command.events;
}

function factProblems(fact: ProposedFact, state: IncidentState, { checkData, incidentExists }: DecisionContext): Problem[] {
  if ((fact.type as IncidentEventType) === 'IncidentOpened') {
    return [{ path: 'type', reason: 'IncidentOpened is only the first event of an incident, made by opening it' }];
  }
  if (findFact(state, fact.eventId)) {
    return [{ path: 'eventId', reason: `event ${fact.eventId} is already in this incident with other content` }];
  }
  const withdrawal = withdrawalOf(state);
  if (withdrawal && !(fact.type === 'FactRetracted' && fact.data.retractsEventId === withdrawal.eventId)) {
    return [{ path: 'type', reason: `cannot be recorded: the incident is withdrawn (event ${withdrawal.eventId}); only a retraction of the withdrawal can be` }];
  }
  // The edge checked the shape of a new fact's data already: its invariants are enough here.
  // (Data merged by a correction is new to everyone: the rules check it whole, with `checkData`.)
  const dataProblems = invariantsOnly(fact.type, fact.data);
  if (dataProblems.length > 0) return prefixProblems('data', dataProblems);

  const context: RuleContext = {
    state,
    incidentExists,
    checkData,
    rulesOf: (type, data, eventId) => entryOf(type).rules(data, context, eventId),
    isCorrectable: (type) => entryOf(type).correctable,
  };
  return prefixProblems('data', entryOf(fact.type).rules(fact.data, context, fact.eventId));
}

