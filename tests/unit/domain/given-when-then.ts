/**
 * Given / when / then on incident events, built on the domain's own `fold` and `decide`:
 *
 *   given(opened(), casualtiesReported({ count: { best: 7 } }))
 *     .when(recordFacts(factRetracted(someId)))
 *     .thenRejects('events.0.data.retractsEventId', 'names no event');
 *
 *   given(opened(), incidentLinked(OTHER_INCIDENT_ID))
 *     .when(recordFacts(raidConducted()), knownIncidents(OTHER_INCIDENT_ID))
 *     .thenView();
 *
 * The builders make events with the defaults of a real communiqué (Barkhane, Gourma, November
 * 2018). Events passed to `given` get their log stamps (version, recordedAt, recordedBy) filled
 * by position unless a test sets them; the same builders make the facts a command proposes.
 */
import { randomUUID } from 'node:crypto';
import { Confidence } from '../../../src/domain/shared/confidence';
import { Location } from '../../../src/domain/shared/location';
import { Problem } from '../../../src/domain/shared/problem';
import { Provenance } from '../../../src/domain/shared/provenance';
import { TimeSpan } from '../../../src/domain/shared/time-span';
import {
  DecisionContext, IncidentCommand, OpenIncident, ProposedFact, RecordFacts, decide, incidentsNamedBy, invariantsOnly,
} from '../../../src/domain/incident/decide';
import { fold } from '../../../src/domain/incident/fold';
import {
  ActivityReportedData, ActorInvolvedData, AttackReportedData, CasualtiesReportedData, FireExchangedData, IdentificationPendingData,
  IncidentEvent, IncidentEventDataByType, IncidentEventType, IncidentLinkedData, IncidentOpenedData, MaterielData,
  PersonsAbductedData, PersonsDetainedData, PersonsFreedData, RaidConductedData, RecordedIncidentEvent, RecordingFacts,
  SiteDiscoveredData, StrikeConductedData,
} from '../../../src/domain/incident/incident-events';
import { DomainRuleViolation } from '../../../src/domain/incident/incident-errors';
import { IncidentState } from '../../../src/domain/incident/incident-state';
import { IncidentView, toIncidentView } from '../../../src/domain/incident/incident-view';

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

export const INCIDENT_ID = '01670a5e-2000-7380-bf4e-20f4d0f8eab8';
export const SOURCE_ID = '0193a1b2-0000-7000-8000-000000000001';
/** Another incident, for links and duplicates; `knownIncidents` says whether it exists. */
export const OTHER_INCIDENT_ID = '01670a5e-2000-7380-bf4e-20f4d0f8eab9';
export const OTHER_SOURCE_ID = '0193a1b2-0000-7000-8000-000000000002';
export const RECORDER = 'desk-officer';

/** recordedAt of the event at version 1; later versions are one minute apart. */
const FIRST_RECORDED_AT = Date.parse('2018-11-13T09:00:00Z');
export const recordedAtOfVersion = (version: number): string =>
  new Date(FIRST_RECORDED_AT + (version - 1) * 60_000).toISOString();

export const cite = (excerpt = 'neutraliser sept terroristes', sourceId = SOURCE_ID): Provenance => ({ sourceId, excerpt });

export const newEventId = (): string => randomUUID();

// ---------------------------------------------------------------------------------------------
// Event builders
// ---------------------------------------------------------------------------------------------

/** An event as a builder makes it: decided content, with log stamps only where a test sets them. */
export type Draft = IncidentEvent & Partial<RecordingFacts>;

/** What a test may set beside an event's data. */
export interface Meta extends Partial<RecordingFacts> {
  eventId?: string;
  source?: Provenance;
  confidence?: Confidence;
}

function draft<T extends IncidentEventType>(type: T, data: IncidentEventDataByType[T], meta: Meta = {}): Draft {
  const { eventId = newEventId(), source = cite(), confidence = 'confirmed', version, recordedAt, recordedBy } = meta;
  const event = { eventId, type, data, source, confidence } as IncidentEvent;
  return {
    ...event,
    ...(version !== undefined && { version }),
    ...(recordedAt !== undefined && { recordedAt }),
    ...(recordedBy !== undefined && { recordedBy }),
  };
}

export interface OpenedOverrides {
  incidentId?: string;
  title?: string;
  occurred?: Partial<TimeSpan>;
  location?: Partial<Location>;
  operation?: string | null;
}

export const opened = (overrides: OpenedOverrides = {}, meta: Meta = {}): Draft => {
  const data: IncidentOpenedData = {
    incidentId: overrides.incidentId ?? INCIDENT_ID,
    title: overrides.title ?? 'Heliborne raid against a terrorist group in the Gourma',
    occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night', ...overrides.occurred },
    location: {
      country: 'ML', area: 'Gourma', admin1: null, name: null, latitude: null, longitude: null, precision: 'area',
      ...overrides.location,
    },
    operation: overrides.operation === undefined ? 'Barkhane' : overrides.operation,
  };
  return draft('IncidentOpened', data, {
    source: cite('Dans la nuit du 11 au 12 novembre 2018, dans la région du Gourma au Mali'),
    ...meta,
  });
};

export const raidConducted = (data: Partial<RaidConductedData> = {}, meta?: Meta): Draft =>
  draft('RaidConducted', {
    force: 'French forces (Opération Barkhane)', modes: ['heliborne'], support: ['MQ-9 Reaper drone'],
    target: 'group formally identified as terrorist', ...data,
  }, meta);

export const strikeConducted = (data: Partial<StrikeConductedData> = {}, meta?: Meta): Draft =>
  draft('StrikeConducted', { force: 'French forces', means: ['drone'], platforms: ['MQ-9 Reaper'], target: 'armed group', ...data }, meta);

export const fireExchanged = (data: Partial<FireExchangedData> = {}, meta?: Meta): Draft =>
  draft('FireExchanged', {
    initiatedBy: 'French forces', warningShots: true, hostileWeapons: ['light weapons', 'collective weapons'],
    outcome: 'The French riposte ended the fire and neutralised seven terrorists', ...data,
  }, meta);

export const casualtiesReported = (data: Partial<CasualtiesReportedData> = {}, meta?: Meta): Draft =>
  draft('CasualtiesReported', {
    side: 'hostile', status: 'neutralised', count: { low: 7, best: 7, high: 7 }, wording: 'neutraliser sept terroristes', ...data,
  }, meta);

export const materielSeized = (data: Partial<MaterielData> = {}, meta?: Meta): Draft =>
  draft('MaterielSeized', {
    items: [
      { category: 'heavy-weapons', description: 'armes lourdes' },
      { category: 'communications', description: 'moyens de communication' },
    ],
    ...data,
  }, meta);

export const materielDestroyed = (data: Partial<MaterielData> = {}, meta?: Meta): Draft =>
  draft('MaterielDestroyed', { items: [{ category: 'vehicles', description: 'pick-up', quantity: 2 }], ...data }, meta);

export const personsFreed = (data: Partial<PersonsFreedData> = {}, meta?: Meta): Draft =>
  draft('PersonsFreed', { count: { best: 2 }, description: 'hostages', ...data }, meta);

export const actorInvolved = (data: Partial<ActorInvolvedData> = {}, meta?: Meta): Draft =>
  draft('ActorInvolved', { name: 'katiba du Gourma', kind: 'armed-group', side: 'hostile', parent: 'RVIM', founded: 2014, ...data }, meta);

export const identificationPending = (data: Partial<IdentificationPendingData> = {}, meta?: Meta): Draft =>
  draft('IdentificationPending', {
    person: 'Almansour Ag Alkassam', role: 'leader of the katiba du Gourma', group: 'katiba du Gourma', ...data,
  }, { confidence: 'probable', ...meta });

export const identificationConfirmed = (identificationId: string, meta?: Meta): Draft =>
  draft('IdentificationConfirmed', { identificationId }, meta);

export const identificationRefuted = (identificationId: string, meta?: Meta): Draft =>
  draft('IdentificationRefuted', { identificationId }, meta);

export const attackReported = (data: Partial<AttackReportedData> = {}, meta?: Meta): Draft =>
  draft('AttackReported', {
    by: 'EIGS', against: 'military', means: ['ied', 'small-arms'], description: 'attaque contre un convoi logistique', ...data,
  }, meta);

export const personsDetained = (data: Partial<PersonsDetainedData> = {}, meta?: Meta): Draft =>
  draft('PersonsDetained', {
    count: { low: 2 }, description: 'plusieurs suspects interpellés', by: 'Barkhane', handedTo: 'la justice malienne', ...data,
  }, meta);

export const personsAbducted = (data: Partial<PersonsAbductedData> = {}, meta?: Meta): Draft =>
  draft('PersonsAbducted', { count: { best: 3 }, description: 'trois civils enlevés', by: 'armed group', ...data }, meta);

export const siteDiscovered = (data: Partial<SiteDiscoveredData> = {}, meta?: Meta): Draft =>
  draft('SiteDiscovered', { kind: 'weapons-cache', description: "une cache d'armes", ...data }, meta);

export const activityReported = (data: Partial<ActivityReportedData> = {}, meta?: Meta): Draft =>
  draft('ActivityReported', {
    kind: 'air-sorties', force: 'French air force', count: { low: 45, best: 50, high: 55 }, description: 'une cinquantaine de sorties aériennes',
    ...data,
  }, meta);

export const incidentLinked = (incidentId: string, data: Partial<Omit<IncidentLinkedData, 'incidentId'>> = {}, meta?: Meta): Draft =>
  draft('IncidentLinked', { incidentId, relation: 'follows', ...data }, meta);

export const incidentWithdrawn = (data: { reason?: string; duplicateOf?: string | null } = {}, meta?: Meta): Draft =>
  draft('IncidentWithdrawn', { reason: data.reason ?? 'recorded twice', ...(data.duplicateOf !== undefined && { duplicateOf: data.duplicateOf }) }, meta);

/** `factConfidence` is the corrected fact's new confidence (the correction's `confidence` field); `confidence` the correction's own. */
export const factCorrected = (
  correctsEventId: string, data: Record<string, unknown>, meta?: Meta & { reason?: string; factConfidence?: Confidence },
): Draft =>
  draft('FactCorrected', {
    correctsEventId, data, reason: meta?.reason ?? 'later communiqué',
    ...(meta?.factConfidence !== undefined && { confidence: meta.factConfidence }),
  }, meta);

export const factRetracted = (retractsEventId: string, meta?: Meta & { reason?: string }): Draft =>
  draft('FactRetracted', { retractsEventId, reason: meta?.reason ?? 'not supported by the source' }, meta);

// ---------------------------------------------------------------------------------------------
// Recording and commands
// ---------------------------------------------------------------------------------------------

/** The decided content of an event, without what the log adds when storing it. */
export function unrecorded(event: Draft): IncidentEvent {
  const { version: _v, recordedAt: _at, recordedBy: _by, ...content } = event;
  return content as IncidentEvent;
}

/** Stamps events as the log stores them, after `afterVersion`; stamps a test set are kept. */
export function recorded(events: readonly Draft[], afterVersion = 0): RecordedIncidentEvent[] {
  return events.map((event, index) => {
    const version = event.version ?? afterVersion + index + 1;
    return {
      ...event,
      version,
      recordedAt: event.recordedAt ?? recordedAtOfVersion(version),
      recordedBy: event.recordedBy ?? RECORDER,
    } as RecordedIncidentEvent;
  });
}

export function openIncident(opening: Draft = opened()): OpenIncident {
  if (opening.type !== 'IncidentOpened') throw new Error(`openIncident needs an IncidentOpened draft, not ${opening.type}`);
  const { eventId, data, source, confidence } = opening;
  return { kind: 'OpenIncident', eventId, data, source, confidence };
}

export function recordFacts(...facts: Draft[]): RecordFacts {
  return { kind: 'RecordFacts', events: facts.map((fact) => unrecorded(fact) as ProposedFact) };
}

/** The view a user reads after these events. */
export const viewOf = (...events: Draft[]): IncidentView => toIncidentView(fold(recorded(events)));

// ---------------------------------------------------------------------------------------------
// given / when / then
// ---------------------------------------------------------------------------------------------

export type Outcome =
  | { accepted: true; events: IncidentEvent[]; state: IncidentState; view: IncidentView }
  | { accepted: false; error: unknown };

/** What a test may tell `decide` beyond the incident; the rest is the domain's own (invariants only, no other incident). */
export type Context = Partial<DecisionContext>;

/** Only these other incidents exist. */
export const knownIncidents = (...incidentIds: string[]): Context => ({ incidentExists: (id) => incidentIds.includes(id) });

export interface Given {
  events: RecordedIncidentEvent[];
  state: IncidentState;
  view(): IncidentView;
  /**
   * `decide` may only ask whether an incident exists for ids `incidentsNamedBy` returned (the
   * caller answers for those alone); asking for another fails the test.
   */
  when(command: IncidentCommand, context?: Context): When;
}

export interface When {
  /** The command is accepted and decides exactly these events, in this order. */
  then(...expected: Draft[]): IncidentEvent[];
  /** The command is accepted; returns the view after its events are recorded. */
  thenView(): IncidentView;
  /** The command is refused with a DomainRuleViolation naming such a path and reason; returns every problem. */
  thenRejects(pathSubstring: string, reasonSubstring?: string): Problem[];
  /** The command fails with an error of this class. */
  thenFails(errorType: new (...args: never[]) => Error): Error;
  /** Whatever happened, for tests that accept more than one right answer. */
  outcome(): Outcome;
}

export function given(...history: Draft[]): Given {
  const events = recorded(history);
  const state = fold(events);
  return {
    events,
    state,
    view: () => toIncidentView(state),
    when: (command, context) => whenCommand(events, state, command, context),
  };
}

function whenCommand(history: RecordedIncidentEvent[], state: IncidentState, command: IncidentCommand, context: Context = {}): When {
  const outcome = (): Outcome => {
    const named = incidentsNamedBy(command, state);
    const exists = context.incidentExists ?? (() => false);
    const askedUnnamed: string[] = [];
    const incidentExists = (id: string): boolean => {
      if (!named.includes(id)) askedUnnamed.push(id);
      return exists(id);
    };
    let decided: IncidentEvent[] | undefined;
    let refusal: unknown;
    try {
      decided = decide(command, state, { checkData: context.checkData ?? invariantsOnly, incidentExists });
    } catch (error) {
      refusal = error;
    }
    if (askedUnnamed.length > 0) {
      throw new Error(`decide asked about incidents incidentsNamedBy did not name: ${askedUnnamed.join(', ')} (named: ${named.join(', ') || 'none'})`);
    }
    if (decided === undefined) return { accepted: false, error: refusal };
    const after = fold(recorded(decided, state.version), state);
    return { accepted: true, events: decided, state: after, view: toIncidentView(after) };
  };

  const accepted = (): Extract<Outcome, { accepted: true }> => {
    const result = outcome();
    if (!result.accepted) {
      const { error } = result;
      const detail = error instanceof DomainRuleViolation ? JSON.stringify(error.problems) : String(error);
      throw new Error(`expected the command to be accepted, but it was refused: ${detail}`);
    }
    return result;
  };

  const refused = (): unknown => {
    const result = outcome();
    if (result.accepted) {
      throw new Error(`expected the command to be refused, but it was accepted after ${history.length} events: ${JSON.stringify(result.events)}`);
    }
    return result.error;
  };

  return {
    then(...expected) {
      const { events } = accepted();
      expect(events).toEqual(expected.map(unrecorded));
      return events;
    },
    thenView: () => accepted().view,
    thenRejects(pathSubstring, reasonSubstring = '') {
      const error = refused();
      if (!(error instanceof DomainRuleViolation)) {
        throw new Error(`expected a DomainRuleViolation, got ${String(error)}`);
      }
      expect(error.problems).toContainEqual({
        path: expect.stringContaining(pathSubstring),
        reason: expect.stringContaining(reasonSubstring),
      });
      return error.problems;
    },
    thenFails(errorType) {
      const error = refused();
      expect(error).toBeInstanceOf(errorType);
      return error as Error;
    },
    outcome,
  };
}
