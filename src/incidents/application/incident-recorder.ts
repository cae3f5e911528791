import { Injectable } from '@nestjs/common';
import { DecisionContext, IncidentCommand, ProposedFact, decide, incidentsNamedBy } from '../../domain/incident/decide';
import { entryOf } from '../../domain/incident/event-catalogue';
import { evolve } from '../../domain/incident/evolve';
import { IncidentEvent, IncidentOpenedData, incidentStreamId } from '../../domain/incident/incident-events';
import { DomainRuleViolation } from '../../domain/incident/incident-errors';
import { IncidentState } from '../../domain/incident/incident-state';
import { Confidence } from '../../domain/shared/confidence';
import { Problem, prefixProblems } from '../../domain/shared/problem';
import { Provenance } from '../../domain/shared/provenance';
import { isSameEvent } from '../../event-store/event-identity';
import { WrongExpectedVersion } from '../../event-store/event-store.errors';
import { NO_STREAM, StoredEvent } from '../../event-store/event-store.port';
import { WriteContext, toEventToAppend } from '../../log/incident-log-events';
import { Conflict, NotFound, PreconditionFailed, Unprocessable } from '../../application/application-errors';
import { CitedProvenance, ProvenanceCheck } from '../../sources/provenance-check';
import { checkFactData } from '../facts/fact-data-schemas';
import { FactPlan, RequestedFact, planFacts, plain, renumberProblems } from './fact-plan';
import { IncidentStreams } from './incident-streams';
import { IncidentWriteLocks } from './incident-write-locks';

export interface Opening {
  eventId: string;
  data: IncidentOpenedData;
  source: Provenance;
  confidence: Confidence;
}

/** An append decided and checked, not yet made. */
export interface PreparedAppend {
  incidentId: string;
  events: IncidentEvent[];
  expectedVersion: number;
  /** For each requested event (the opening first, if any): stored before, or to be appended. */
  answers: (StoredEvent | IncidentEvent)[];
  /** The incident as it was decided on: the append follows its version, and the projections' fold may start from it. */
  decidedOn: IncidentState;
}

export interface EventReceipt {
  eventId: string;
  type: string;
  streamVersion: number;
  globalPosition: number;
}

export interface RecordOutcome {
  incidentId: string;
  version: number;
  events: EventReceipt[];
  appendedCount: number;
}

/**
 * `incidentsNamedBy`, without folding each proposed fact into a provisional state when no fact
 * of the command is a correction (only a correction's names depend on the facts before it):
 * `decide` folds them once anyway.
 */
function namedIncidents(command: IncidentCommand, state: IncidentState): string[] {
  if (command.kind !== 'RecordFacts' || command.events.some((fact) => fact.type === 'FactCorrected')) return incidentsNamedBy(command, state);
  const named = new Set<string>();
  for (const fact of command.events) {
    let names: unknown[];
    try {
      names = entryOf(fact.type).referencedIncidents(fact.data as never);
    } catch {
      // Data not checked yet may not have the fields the function expects: `decide` says what is wrong.
      names = [];
    }
    for (const name of names) if (typeof name === 'string') named.add(name);
  }
  return [...named];
}

const receipt = (e: StoredEvent): EventReceipt => ({ eventId: e.eventId, type: e.type, streamVersion: e.streamVersion, globalPosition: e.globalPosition });

/** Enough for a burst of concurrent writers on one incident: each round, one of them wins. */
const ATTEMPTS = 30;

/** Comparing an opening with the stored one: who writes does not make it another opening. */
const NO_WRITER: WriteContext = { recordedBy: '', correlationId: null, causationId: null };

export interface PrepareOptions {
  /** Where the events sit in the request, for the paths in problems (`events`, `incidents.0.events`). */
  path?: string;
  /** Where the opening's fields sit (`` for POST /incidents, `incidents.0.open` in an import). */
  openingPath?: string;
  /** Where the incident's id sits (`incidentId`, `incidents.0.incidentId`). */
  incidentIdPath?: string;
  ifMatch?: number | null;
  /** Source texts stored by the same request, not yet in the read model. */
  pendingTexts?: ReadonlyMap<string, string>;
  /** The state to decide on, when the caller has it already. */
  state?: IncidentState;
}

/**
 * The write path every command shares: load the stream, split retries from new events, check
 * provenance, `decide`, then append with the expected version. A lost race is decided again on
 * the new state; with `If-Match` it is the client's to resolve (412).
 */
@Injectable()
export class IncidentRecorder {
  private readonly writeLocks = new IncidentWriteLocks();

  constructor(private readonly streams: IncidentStreams, private readonly provenance: ProvenanceCheck) {}

  async open(incidentId: string, opening: Opening, context: WriteContext): Promise<RecordOutcome> {
    return this.writeLocks.runExclusive(incidentId, () => this.withRetries(() => this.prepareOpening(incidentId, opening, []), context, null));
  }

  async record(incidentId: string, facts: RequestedFact[], ifMatch: number | null, context: WriteContext): Promise<RecordOutcome> {
    return this.writeLocks.runExclusive(incidentId, () => this.withRetries(() => this.prepareFacts(incidentId, facts, { ifMatch }), context, ifMatch));
  }

  /**
   * Opens an incident with its first facts in one append; if it is open already with the same
   * opening, only the facts not stored yet are prepared (an import run twice adds nothing).
   */
  async prepareOpening(incidentId: string, opening: Opening, facts: RequestedFact[], options: PrepareOptions = {}): Promise<PreparedAppend> {
    const openingPath = options.openingPath ?? '';
    const within = (field: string) => (openingPath ? `${openingPath}.${field}` : field);
    const factsOptions = { ...options, path: options.path ?? 'events' };
    const state = await this.streams.state(incidentId);
    const openingEvent: IncidentEvent = { ...opening, type: 'IncidentOpened', data: plain(opening.data) };

    if (state.incidentId !== null) {
      const [stored] = await this.streams.findEvents([state.facts[0].eventId]);
      if (!isSameEvent(stored, incidentStreamId(incidentId), toEventToAppend(openingEvent, NO_WRITER))) {
        throw new Conflict(`${options.incidentIdPath ?? 'incidentId'} ${incidentId} already exists with another opening`);
      }
      const rest = await this.prepareFacts(incidentId, facts, { ...factsOptions, state });
      return { ...rest, answers: [stored, ...rest.answers] };
    }

    const problems = [
      ...(await this.provenance.problems([{ path: within('source'), source: opening.source }], options.pendingTexts)),
      ...this.decisionProblems(() => decide({ kind: 'OpenIncident', ...openingEvent }, state, { checkData: checkFactData, incidentExists: () => false }), openingPath),
    ];
    if (problems.length > 0) throw new Unprocessable(problems);
    const opened = evolve(state, { ...openingEvent, version: 1, recordedAt: '', recordedBy: '' });
    const rest = facts.length > 0 ? await this.prepareFacts(incidentId, facts, { ...factsOptions, state: opened }) : undefined;
    return {
      incidentId,
      events: [openingEvent, ...(rest?.events ?? [])],
      expectedVersion: NO_STREAM,
      answers: [openingEvent, ...(rest?.answers ?? [])],
      decidedOn: state,
    };
  }

  async prepareFacts(incidentId: string, facts: RequestedFact[], options: PrepareOptions = {}): Promise<PreparedAppend> {
    const path = options.path ?? 'events';
    const state = options.state ?? (await this.streams.state(incidentId));
    if (state.incidentId === null) throw new NotFound(`incident ${incidentId} does not exist`);
    // Only ids the client chose can be stored already (a retry, or one taken elsewhere): one look-up for them all.
    const chosen = facts.flatMap((f) => (f.eventId === undefined ? [] : [f.eventId]));
    const stored = await this.streams.findEvents(chosen);
    const plan = planFacts(incidentId, stored.filter((e) => e.streamId === incidentStreamId(incidentId)), facts, path);
    const fresh = new Map(plan.fresh.map((f) => [f.index, f.fact]));
    const answers = facts.map((_, index) => plan.stored.get(index) ?? fresh.get(index)!);
    if (plan.fresh.length === 0) return { incidentId, events: [], expectedVersion: state.version, answers, decidedOn: state };
    this.refuseIdsTakenElsewhere(incidentId, stored, path, plan);
    const { ifMatch = null } = options;
    if (ifMatch !== null && ifMatch !== state.version) throw new PreconditionFailed(`incident ${incidentId} is at version ${state.version}, not ${ifMatch}`);

    const cited: CitedProvenance[] = plan.fresh.map(({ index, fact }) => ({ path: `${path}.${index}.source`, source: fact.source }));
    const proposed: ProposedFact[] = plan.fresh.map((f) => f.fact);
    const command: IncidentCommand = { kind: 'RecordFacts', events: proposed };
    const context = await this.decisionContext(command, state);
    const problems = [
      ...(await this.provenance.problems(cited, options.pendingTexts)),
      ...renumberProblems(this.decisionProblems(() => decide(command, state, context), ''), plan, path),
    ];
    if (problems.length > 0) throw new Unprocessable(problems);
    return { incidentId, events: proposed, expectedVersion: state.version, answers, decidedOn: state };
  }

  /** Finds out which of the other incidents the facts name exist (links, duplicates). */
  private async decisionContext(command: IncidentCommand, state: IncidentState): Promise<DecisionContext> {
    const named = namedIncidents(command, state);
    const existing = new Set<string>();
    for (const incidentId of named) if (await this.streams.exists(incidentId)) existing.add(incidentId);
    return { checkData: checkFactData, incidentExists: (incidentId) => existing.has(incidentId) };
  }

  /** An id already stored in another stream is a conflict, named before anything is written. */
  private refuseIdsTakenElsewhere(incidentId: string, stored: StoredEvent[], path: string, plan: FactPlan): void {
    const freshIds = new Set(plan.fresh.map((f) => f.fact.eventId));
    const taken = stored.filter((e) => e.streamId !== incidentStreamId(incidentId) && freshIds.has(e.eventId));
    if (taken.length === 0) return;
    const index = plan.fresh.find((f) => f.fact.eventId === taken[0].eventId)!.index;
    throw new Conflict(`${path}.${index}.eventId ${taken[0].eventId} is already stored in another stream (${taken[0].streamId})`);
  }

  /** Appends a prepared write and answers with every requested event's place in the log. */
  async commit(prepared: PreparedAppend, context: WriteContext): Promise<RecordOutcome> {
    if (prepared.events.length === 0) {
      const stored = prepared.answers as StoredEvent[];
      return { incidentId: prepared.incidentId, version: prepared.decidedOn.version, events: stored.map(receipt), appendedCount: 0 };
    }
    const result = await this.streams.append(prepared.incidentId, prepared.events, prepared.expectedVersion, context, prepared.decidedOn);
    const appended = new Map(result.events.map((e) => [e.eventId, e]));
    const events = prepared.answers.map((answer) => receipt('streamId' in answer ? answer : appended.get(answer.eventId)!));
    return { incidentId: prepared.incidentId, version: result.streamVersion, events, appendedCount: result.appendedCount };
  }

  private async withRetries(prepare: () => Promise<PreparedAppend>, context: WriteContext, ifMatch: number | null): Promise<RecordOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commit(await prepare(), context);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (ifMatch !== null) throw new PreconditionFailed(`incident changed while writing: now at version ${error.actual}, not ${ifMatch}`);
        if (attempt >= ATTEMPTS) throw new Conflict('the incident is being written by others; try again');
      }
    }
  }

  private decisionProblems(run: () => unknown, path: string): Problem[] {
    try {
      run();
      return [];
    } catch (error) {
      if (error instanceof DomainRuleViolation) return path ? prefixProblems(path, error.problems) : error.problems;
      throw error;
    }
  }
}
