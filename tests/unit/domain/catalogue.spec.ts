import {
  INCIDENT_EVENT_CATALOGUE, INCIDENT_EVENT_TYPES, IncidentEventType, entryOf, isIncidentEventType,
} from '../../../src/domain/incident/event-catalogue';
import { FACT_TYPES } from '../../../src/domain/incident/incident-events';
import { SOURCE_REGISTERED } from '../../../src/domain/source/source-events';
import { OTHER_INCIDENT_ID } from './given-when-then';

/**
 * The catalogue as a table a reviewer can check against API.md: the schema version written now
 * (1.1 changed RaidConducted, StrikeConducted and FactCorrected), and whether a FactCorrected
 * may name the type (facts that change how other facts read are retracted, never corrected).
 */
const TABLE: { [T in IncidentEventType]: { schemaVersion: number; correctable: boolean } } = {
  IncidentOpened: { schemaVersion: 1, correctable: true },
  RaidConducted: { schemaVersion: 2, correctable: true },
  StrikeConducted: { schemaVersion: 2, correctable: true },
  FireExchanged: { schemaVersion: 1, correctable: true },
  CasualtiesReported: { schemaVersion: 1, correctable: true },
  MaterielSeized: { schemaVersion: 1, correctable: true },
  MaterielDestroyed: { schemaVersion: 1, correctable: true },
  PersonsFreed: { schemaVersion: 1, correctable: true },
  ActorInvolved: { schemaVersion: 1, correctable: true },
  IdentificationPending: { schemaVersion: 1, correctable: true },
  IdentificationConfirmed: { schemaVersion: 1, correctable: false },
  IdentificationRefuted: { schemaVersion: 1, correctable: false },
  AttackReported: { schemaVersion: 1, correctable: true },
  PersonsDetained: { schemaVersion: 1, correctable: true },
  PersonsAbducted: { schemaVersion: 1, correctable: true },
  SiteDiscovered: { schemaVersion: 1, correctable: true },
  ActivityReported: { schemaVersion: 1, correctable: true },
  IncidentLinked: { schemaVersion: 1, correctable: true },
  IncidentWithdrawn: { schemaVersion: 1, correctable: false },
  FactCorrected: { schemaVersion: 2, correctable: false },
  FactRetracted: { schemaVersion: 1, correctable: false },
};

describe('the event catalogue', () => {
  it('holds exactly the types of the table, in it', () => {
    expect([...INCIDENT_EVENT_TYPES].sort()).toEqual(Object.keys(TABLE).sort());
  });

  it('writes these schema versions: RaidConducted 2, StrikeConducted 2, FactCorrected 2, every other type 1', () => {
    const versions = Object.fromEntries(INCIDENT_EVENT_TYPES.map((type) => [type, entryOf(type).schemaVersion]));
    expect(versions).toEqual(Object.fromEntries(Object.entries(TABLE).map(([type, { schemaVersion }]) => [type, schemaVersion])));
    expect(INCIDENT_EVENT_TYPES.filter((type) => entryOf(type).schemaVersion !== 1).sort()).toEqual(['FactCorrected', 'RaidConducted', 'StrikeConducted']);
  });

  it.each(INCIDENT_EVENT_TYPES)('%s has one upcaster per earlier schema version', (type) => {
    const entry = INCIDENT_EVENT_CATALOGUE[type];
    expect(entry.upcasters).toHaveLength(entry.schemaVersion - 1);
  });

  it('says which types a correction may name', () => {
    const correctable = Object.fromEntries(INCIDENT_EVENT_TYPES.map((type) => [type, entryOf(type).correctable]));
    expect(correctable).toEqual(Object.fromEntries(Object.entries(TABLE).map(([type, { correctable: c }]) => [type, c])));
  });

  it('names other incidents only for links and duplicates', () => {
    expect(entryOf('IncidentLinked').referencedIncidents({ incidentId: OTHER_INCIDENT_ID, relation: 'follows' })).toEqual([OTHER_INCIDENT_ID]);
    expect(entryOf('IncidentWithdrawn').referencedIncidents({ reason: 'r', duplicateOf: OTHER_INCIDENT_ID })).toEqual([OTHER_INCIDENT_ID]);
    expect(entryOf('IncidentWithdrawn').referencedIncidents({ reason: 'r' })).toEqual([]);
    expect(entryOf('IncidentWithdrawn').referencedIncidents({ reason: 'r', duplicateOf: null })).toEqual([]);
    const others = INCIDENT_EVENT_TYPES.filter((type) => type !== 'IncidentLinked' && type !== 'IncidentWithdrawn');
    expect(others.filter((type) => entryOf(type).referencedIncidents({}).length > 0)).toEqual([]);
  });

  it('knows its own types and no other (source events are not incident events)', () => {
    expect(INCIDENT_EVENT_TYPES.every(isIncidentEventType)).toBe(true);
    expect(isIncidentEventType(SOURCE_REGISTERED)).toBe(false);
    expect(isIncidentEventType('toString')).toBe(false);
    expect(isIncidentEventType(undefined)).toBe(false);
  });

  it('lets users record every type but IncidentOpened, which opening makes', () => {
    expect(FACT_TYPES).toEqual(INCIDENT_EVENT_TYPES.filter((type) => type !== 'IncidentOpened'));
  });
});
