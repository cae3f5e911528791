import type { SchemaObject } from 'ajv';
import {
  ACTIVITY_KINDS, ACTOR_KINDS, ACTOR_SIDES, ATTACK_MEANS, ATTACK_TARGETS, CASUALTY_SIDES, CASUALTY_STATUSES, FactType, IDENTIFICATION_FATES,
  LINK_RELATIONS, MATERIEL_CATEGORIES, RAID_MODES, SITE_KINDS, STRIKE_MEANS,
} from '../../domain/incident/incident-events';
import { CONFIDENCE_LEVELS } from '../../domain/shared/confidence';
import { LIST_LIMIT, LONG_TEXT } from './fact-data.dto';
import { EXCERPT_TEXT, SHORT_TEXT } from './value-objects.dto';

/**
 * Each fact type's `data` as a JSON schema, for the compiled first check of request bodies
 * (src/http/validation/compiled-check.ts). Each accepts only what its DTO in fact-data.dto.ts
 * accepts and leaves as it is; a test compares the two on generated bodies. Where a DTO would
 * transform a value (an id in capitals), the schema refuses it and the DTO takes over.
 */

/** The same JSON schema keywords as the DTO's decorators, so that each reads like its decorator. */
export const text = (maxLength = SHORT_TEXT): SchemaObject => ({ type: 'string', minLength: 1, maxLength });
const anyText = (maxLength: number): SchemaObject => ({ type: 'string', maxLength });
const texts: SchemaObject = { type: 'array', maxItems: LIST_LIMIT, items: text() };
export const id: SchemaObject = { type: 'string', format: 'lower-case-uuid' };
export const oneOf = (values: readonly string[]): SchemaObject => ({ type: 'string', enum: [...values] });
/** Optional fields take null as absent (ValidateIf(isGiven)). */
const orNull = (schema: SchemaObject): SchemaObject => ({ anyOf: [{ type: 'null' }, schema] });
const count: SchemaObject = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const nonEmptyListOf = (values: readonly string[]): SchemaObject => ({ type: 'array', minItems: 1, uniqueItems: true, items: oneOf(values) });

/** A closed object: these fields, `required` among them, nothing else. */
export const fields = (properties: Record<string, SchemaObject>, required: string[], more: SchemaObject = {}): SchemaObject => ({
  type: 'object', properties, required, additionalProperties: false, ...more,
});

/** An estimate: any of low, best and high (null as absent), at least one given, in order. */
const estimate: SchemaObject = fields({ low: orNull(count), best: orNull(count), high: orNull(count) }, [], {
  anyOf: ['low', 'best', 'high'].map((figure) => ({ required: [figure], properties: { [figure]: { type: 'integer' } } })),
  orderedPairs: [['low', 'best'], ['low', 'high'], ['best', 'high']],
});

const materiel: SchemaObject = fields({
  items: {
    type: 'array', minItems: 1, maxItems: LIST_LIMIT,
    items: fields({ category: oneOf(MATERIEL_CATEGORIES), description: text(), quantity: orNull(count) }, ['category', 'description']),
  },
}, ['items']);

const identificationDecision = fields({ identificationId: id }, ['identificationId']);

export const FACT_DATA_JSON_SCHEMAS: { [T in FactType]: SchemaObject } = {
  // `mode` (v1, one value) or `modes`, never both.
  RaidConducted: fields({ force: text(), modes: nonEmptyListOf(RAID_MODES), mode: orNull(oneOf(RAID_MODES)), support: texts, target: text() }, ['force', 'support', 'target'], {
    if: { required: ['mode'], properties: { mode: { type: 'string' } } },
    then: { not: { required: ['modes'] } },
    else: { required: ['modes'] },
  }),
  StrikeConducted: fields({ force: text(), means: { anyOf: [oneOf(STRIKE_MEANS), nonEmptyListOf(STRIKE_MEANS)] }, platforms: texts, target: text() }, ['force', 'means', 'platforms', 'target']),
  FireExchanged: fields({ initiatedBy: orNull(text()), warningShots: orNull({ type: 'boolean' }), hostileWeapons: texts, outcome: text() }, ['hostileWeapons', 'outcome']),
  CasualtiesReported: fields({ side: oneOf(CASUALTY_SIDES), status: oneOf(CASUALTY_STATUSES), count: estimate, wording: orNull(anyText(SHORT_TEXT)) }, ['side', 'status', 'count']),
  MaterielSeized: materiel,
  MaterielDestroyed: materiel,
  PersonsFreed: fields({ count: estimate, description: text() }, ['count', 'description']),
  ActorInvolved: fields({
    name: text(), kind: oneOf(ACTOR_KINDS), side: oneOf(ACTOR_SIDES), parent: orNull(text()),
    founded: orNull({ type: 'integer', minimum: 1000, maximum: 2100 }), notes: orNull(anyText(LONG_TEXT)), aliases: orNull({ ...texts, uniqueItems: true }),
  }, ['name', 'kind', 'side']),
  // A person, or at least a role (an unnamed deputy). A null person is transformed away by the DTO: left to it.
  IdentificationPending: fields({ person: text(), role: orNull(text()), group: orNull(text()), fate: orNull(oneOf(IDENTIFICATION_FATES)) }, [], {
    anyOf: [{ required: ['person'] }, { required: ['role'], properties: { role: { type: 'string' } } }],
  }),
  IdentificationConfirmed: identificationDecision,
  IdentificationRefuted: identificationDecision,
  AttackReported: fields({ by: orNull(text()), against: oneOf(ATTACK_TARGETS), means: nonEmptyListOf(ATTACK_MEANS), description: text() }, ['against', 'means', 'description']),
  PersonsDetained: fields({ count: estimate, description: text(), by: orNull(text()), handedTo: orNull(text()) }, ['count', 'description']),
  PersonsAbducted: fields({ count: estimate, description: text(), by: orNull(text()) }, ['count', 'description']),
  SiteDiscovered: fields({ kind: oneOf(SITE_KINDS), description: text() }, ['kind', 'description']),
  ActivityReported: fields({ kind: oneOf(ACTIVITY_KINDS), force: orNull(text()), count: orNull(estimate), description: text() }, ['kind', 'description']),
  IncidentLinked: fields({ incidentId: id, relation: oneOf(LINK_RELATIONS), note: orNull(anyText(LONG_TEXT)) }, ['incidentId', 'relation']),
  IncidentWithdrawn: fields({ reason: text(), duplicateOf: orNull(id) }, ['reason']),
  // `data` is free-form (checked once merged over the corrected fact), but never gives both `mode` and `modes`.
  FactCorrected: fields({
    correctsEventId: id,
    data: { type: 'object', not: { required: ['mode', 'modes'], properties: { mode: { not: { type: 'null' } } } } },
    reason: text(),
    confidence: orNull(oneOf(CONFIDENCE_LEVELS)),
  }, ['correctsEventId', 'data', 'reason']),
  FactRetracted: fields({ retractsEventId: id, reason: text() }, ['retractsEventId', 'reason']),
};

/** A fact's provenance as ProvenanceDto accepts it. */
export const provenance: SchemaObject = fields({ sourceId: id, excerpt: text(EXCERPT_TEXT) }, ['sourceId', 'excerpt']);
