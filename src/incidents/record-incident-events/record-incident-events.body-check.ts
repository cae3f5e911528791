import { compiledCheck } from '../../http/validation/compiled-check';
import { fields } from '../facts/fact-data.json-schemas';
import { INCIDENT_EVENT_JSON_SCHEMA } from '../facts/incident-event.json-schema';

/** RecordIncidentEventsRequestDto as a compiled check: the bodies it accepts need no other validation. */
export const recordIncidentEventsBodyCheck = (maxEvents: number) =>
  compiledCheck(fields({ events: { type: 'array', minItems: 1, maxItems: maxEvents, items: INCIDENT_EVENT_JSON_SCHEMA } }, ['events']));
