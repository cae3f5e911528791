import { EventTypeEntry } from './event-type';
import { activityReported } from './event-types/activity-reported';
import { actorInvolved } from './event-types/actor-involved';
import { attackReported } from './event-types/attack-reported';
import { casualtiesReported } from './event-types/casualties-reported';
import { factCorrected } from './event-types/fact-corrected';
import { factRetracted } from './event-types/fact-retracted';
import { fireExchanged } from './event-types/fire-exchanged';
import { identificationConfirmed, identificationPending, identificationRefuted } from './event-types/identification';
import { incidentLinked } from './event-types/incident-linked';
import { incidentOpened } from './event-types/incident-opened';
import { incidentWithdrawn } from './event-types/incident-withdrawn';
import { materielDestroyed, materielSeized } from './event-types/materiel';
import { personsAbducted } from './event-types/persons-abducted';
import { personsDetained } from './event-types/persons-detained';
import { personsFreed } from './event-types/persons-freed';
import { raidConducted } from './event-types/raid-conducted';
import { siteDiscovered } from './event-types/site-discovered';
import { strikeConducted } from './event-types/strike-conducted';

/**
 * Every event type an incident's stream holds, one entry each: its schema version and
 * upcasters, its invariants and rules, whether it can be corrected, and how it shows in the
 * view. The event types (and their data) are derived from this object, so a type is added here
 * or nowhere; the edge's map of data classes is keyed by the same types and fails to compile
 * when one is missing.
 */
export const INCIDENT_EVENT_CATALOGUE = {
  IncidentOpened: incidentOpened,
  RaidConducted: raidConducted,
  StrikeConducted: strikeConducted,
  FireExchanged: fireExchanged,
  CasualtiesReported: casualtiesReported,
  MaterielSeized: materielSeized,
  MaterielDestroyed: materielDestroyed,
  PersonsFreed: personsFreed,
  ActorInvolved: actorInvolved,
  IdentificationPending: identificationPending,
  IdentificationConfirmed: identificationConfirmed,
  IdentificationRefuted: identificationRefuted,
  AttackReported: attackReported,
  PersonsDetained: personsDetained,
  PersonsAbducted: personsAbducted,
  SiteDiscovered: siteDiscovered,
  ActivityReported: activityReported,
  IncidentLinked: incidentLinked,
  IncidentWithdrawn: incidentWithdrawn,
  FactCorrected: factCorrected,
  FactRetracted: factRetracted,
} as const;

type Catalogue = typeof INCIDENT_EVENT_CATALOGUE;
export type IncidentEventType = keyof Catalogue;
type DataOf<Entry> = Entry extends EventTypeEntry<infer Data> ? Data : never;
/** The data of each event type, in its current schema version. */
export type IncidentEventDataByType = { [T in IncidentEventType]: DataOf<Catalogue[T]> };

export const INCIDENT_EVENT_TYPES = Object.keys(INCIDENT_EVENT_CATALOGUE) as IncidentEventType[];

/** The entry of a type, typed loosely for code that handles every type alike. */
export const entryOf = (type: IncidentEventType): EventTypeEntry<any> => INCIDENT_EVENT_CATALOGUE[type];

export const isIncidentEventType = (type: unknown): type is IncidentEventType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(INCIDENT_EVENT_CATALOGUE, type);

/**
 * A stored event's data in the current shape of its type: each upcaster from its schema
 * version on, in turn. Types this catalogue does not hold are returned as they are.
 */
export function upcastIncidentEvent(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
  if (!isIncidentEventType(type)) return { schemaVersion, data };
  const entry = entryOf(type);
  let current = data;
  for (let version = schemaVersion; version < entry.schemaVersion; version++) current = entry.upcasters[version - 1](current);
  return { schemaVersion: Math.max(schemaVersion, entry.schemaVersion), data: current };
}

/**
 * Requests may still use the shapes of earlier schema versions (`mode` for `modes`) until the
 * API's next major version: they are upcast like stored events. Every upcaster leaves data
 * already in the current shape as it is, so this is safe on either.
 */
export const requestDataInCurrentShape = (type: IncidentEventType, data: unknown): unknown => upcastIncidentEvent(type, 1, data).data;
