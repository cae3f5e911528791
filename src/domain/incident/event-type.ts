import { Confidence } from '../shared/confidence';
import { Estimate, estimateProblems } from '../shared/estimate';
import { Problem, prefixProblems } from '../shared/problem';
import { Provenance } from '../shared/provenance';
import type { FactShown, ViewParts } from './incident-view';
import type { FactRecord, IncidentState } from './incident-state';
import type { IncidentEventType } from './incident-events';

/** Turns the data of one schema version into the next; stored events are never rewritten. */
export type Upcaster = (data: any) => unknown;

/** What a rule may ask beyond the incident itself. */
export interface RuleContext {
  state: IncidentState;
  /** Whether another incident exists (links and duplicates must name one). */
  incidentExists(incidentId: string): boolean;
  /** The whole check of a type's data (shape and invariants), as for a new fact. */
  checkData(type: IncidentEventType, data: unknown): Problem[];
  /** The rules of a type, for data merged by a correction. */
  rulesOf(type: IncidentEventType, data: unknown, eventId: string): Problem[];
  isCorrectable(type: IncidentEventType): boolean;
}

/**
 * Everything the domain knows of one event type, in one place: adding a type means adding one
 * of these to the catalogue, and the compiler asks for every part.
 */
export interface EventTypeEntry<Data> {
  /** The version of `data` written now; stored events of older versions are upcast when read. */
  readonly schemaVersion: number;
  /** `upcasters[v - 1]` turns version v into v + 1; its length is `schemaVersion - 1`. */
  readonly upcasters: readonly Upcaster[];
  /** Relations between the fields that make the data coherent (the shape is checked at the edge). */
  invariants(data: Data): Problem[];
  /** Rules that involve the incident's other facts or other incidents; paths are relative to `data`. */
  rules(data: Data, context: RuleContext, eventId: string): Problem[];
  /** Whether a `FactCorrected` may name it (those that change how other facts read may not). */
  readonly correctable: boolean;
  /** Incidents its data names, which must exist for it to be recorded. */
  referencedIncidents(data: Data): string[];
  /** How it shows in the incident view (facts that act on other facts show through them). */
  show(fact: FactShown<Data>, view: ViewParts): void;
}

/** The parts most types share. */
export const noRules = (): Problem[] => [];
export const noInvariants = (): Problem[] => [];
export const noIncidents = (): string[] => [];
/** Facts that only act on others (corrections, retractions, decisions) show through them. */
export const shownThroughOthers = (): void => undefined;

/** What every fact in the view carries beside its own fields. */
export interface FactAttribution {
  eventId: string;
  confidence: Confidence;
  source: Provenance;
  corrections: CorrectionNote[];
}

/** A correction in force of a fact: which excerpt supports the corrected value. */
export interface CorrectionNote {
  eventId: string;
  reason: string;
  source: Provenance;
  confidence: Confidence;
  recordedAt: string;
  /** The confidence this correction gave the fact, if it gave one. */
  setsConfidence: Confidence | null;
}

export const attributionOf = (fact: FactRecord): FactAttribution => ({
  eventId: fact.eventId,
  confidence: fact.confidence,
  source: fact.source,
  corrections: fact.corrections.map(({ eventId, reason, source, confidence, recordedAt, factConfidence }) => ({
    eventId, reason, source, confidence, recordedAt, setsConfidence: factConfidence,
  })),
});

/** A list that must name at least one value (`modes`, `means`). */
export const atLeastOne = (path: string, values: readonly unknown[]): Problem[] =>
  Array.isArray(values) && values.length > 0 ? [] : [{ path, reason: 'must hold at least one value' }];

/** The invariant of a fact whose `count` is an estimate (casualties, persons freed, detained, abducted). */
export const countIsAnEstimate = (data: { count: Estimate }): Problem[] => prefixProblems('count', estimateProblems(data.count));
