import type { SchemaObject } from 'ajv';
import { FACT_TYPES } from '../../domain/incident/incident-events';
import { CONFIDENCE_LEVELS } from '../../domain/shared/confidence';
import { FACT_DATA_JSON_SCHEMAS, fields, id, oneOf, provenance } from './fact-data.json-schemas';

/** IncidentEventDto as a JSON schema (see fact-data.json-schemas.ts): its `type` names the schema of its `data`. */
export const INCIDENT_EVENT_JSON_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { type: oneOf(FACT_TYPES) },
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: FACT_TYPES.map((type) =>
    fields({ type: { const: type }, eventId: id, data: FACT_DATA_JSON_SCHEMAS[type], source: provenance, confidence: oneOf(CONFIDENCE_LEVELS) }, ['type', 'data', 'source']),
  ),
};
