import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { ERROR_BODY } from './api-errors.decorator';

/** An id in the examples' messages. */
const ID = '01936f5e-2a4b-7c8d-9e0f-1a2b3c4d5e6f';

const REASONS: Record<number, string> = {
  400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 503: 'Service Unavailable',
};

/**
 * What the server answers, word for word, in each case an operation documents
 * (tests/e2e/openapi-error-examples.e2e.spec.ts provokes each one and compares).
 * Keyed by status, then by `METHOD /path` where the message depends on the route.
 */
export const ERROR_EXAMPLES: Record<number, Record<string, string[]>> = {
  400: {
    'GET /sources': ['limit must not be greater than 500'],
    'GET /sources/{sourceId}': ['sourceId must be a UUID'],
    'GET /incidents': ['limit must not be greater than 500'],
    'GET /incidents/{incidentId}': ['incidentId must be a UUID'],
    'GET /incidents/{incidentId}/history': ['incidentId must be a UUID'],
    'GET /events': ['limit must not be greater than 1000'],
    'GET /stats/casualties': ['groupBy has "nope", which is not one of country, area, month, operation, side, status'],
    'GET /stats/materiel': ['groupBy has "nope", which is not one of category, country, area, month, operation'],
    'GET /identifications': ['status must be one of the following values: pending, confirmed, refuted'],
    'GET /actors': ['limit must not be greater than 500'],
    'POST /sources': ['publisher is required', 'title is required', 'language is required', 'text is required'],
    'POST /incidents': ['source is required', 'title is required', 'occurred is required', 'location is required'],
    'POST /incidents/{incidentId}/events': ['events should not be empty'],
    'POST /imports': ['source is required', 'incidents is required'],
  },
  404: {
    'GET /sources/{sourceId}': [`source ${ID} does not exist`],
    'GET /incidents/{incidentId}': [`incident ${ID} does not exist`],
    'GET /incidents/{incidentId}/history': [`incident ${ID} does not exist`],
    'POST /incidents/{incidentId}/events': [`incident ${ID} does not exist`],
    'POST /projections/{name}/rebuild': ['there is no projection named nope'],
  },
  409: {
    'POST /incidents': [`incidentId ${ID} already exists with another opening`],
    'POST /incidents/{incidentId}/events': [`events.0.eventId ${ID} is already stored with other content`],
    'POST /imports': [`incidents.0.events.0.eventId ${ID} is already stored in another stream (incident-${ID})`],
  },
  412: { 'POST /incidents/{incidentId}/events': [`incident ${ID} is at version 2, not 1`] },
  415: { '*': ['Unsupported Media Type'] },
  422: {
    'POST /incidents': [`source.sourceId names no stored source (${ID})`],
    'POST /incidents/{incidentId}/events': [`events.0.source.excerpt does not occur in the text of source ${ID}`],
    'POST /imports': [`incidents.0.events.0.source.excerpt does not occur in the text of source ${ID}`],
  },
  503: { '*': ['the database is busy or unreachable; retry in a moment'] },
};

const RETRY_AFTER = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0, example: 1 } };

const answer = (status: number, description: string, message: string[], headers?: ResponseObject['headers']): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ERROR_BODY, example: { statusCode: status, error: REASONS[status], message } } },
});

/**
 * Every error an operation documents gets the error body's schema and a true example of its own
 * status (not the 400 example the shared schema carries); every operation documents the 503 of a
 * database out of reach and the 429 of the rate limit. Runs after access and retries added theirs.
 */
export function documentErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post'] as const) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const route = `${method.toUpperCase()} ${path}`;
      operation.responses['503'] ??= answer(503, 'The database is busy or out of reach: retry after a moment', ERROR_EXAMPLES[503]['*'], { 'Retry-After': RETRY_AFTER });
      operation.responses['429'] ??= answer(429, 'Too many requests from this caller this minute (RATE_LIMIT_PER_MINUTE)', ['too many requests: at most 6000 a minute; retry in 37 seconds'], {
        'Retry-After': { description: 'Seconds until the caller may send again', schema: { type: 'integer', minimum: 0, example: 37 } },
      });
      for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) {
        const code = Number(status);
        if (code < 400) continue;
        const examples = ERROR_EXAMPLES[code];
        const message = examples?.[route] ?? examples?.['*'];
        const media = response.content?.['application/json'];
        if (!media) {
          response.content = answer(code, response.description, message ?? [response.description]).content;
        } else if (message && !media.example) {
          media.example = { statusCode: code, error: REASONS[code], message };
        } else if (media.schema === ERROR_BODY && !media.example) {
          media.example = { statusCode: code, error: REASONS[code], message: [response.description] };
        }
      }
    }
  }
  return document;
}
