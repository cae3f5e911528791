import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { ERROR_BODY } from '../http/api-errors.decorator';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-key';

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any printable ASCII token (a UUID, say) that makes a retry safe: the same key with the same method, path and body within 24 hours ' +
    'gets the first answer again (status, body, Location, ETag, with `Idempotent-Replayed: true`) and writes nothing.',
  schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH, example: '5f0c6f6e-8f5b-4f7e-9a51-0d6c1c2b9e77' },
};

const errorAnswer = (description: string, statusCode: number, error: string, message: string, headers?: ResponseObject['headers']): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ERROR_BODY, example: { statusCode, error, message: [message] } } },
});

/** What every POST may answer because of its Idempotency-Key, its size or its rate. */
const RETRY_ANSWERS: Record<string, ResponseObject> = {
  '409': errorAnswer('A request with this Idempotency-Key is in progress: retry when it has finished', 409, 'Conflict', 'a request with this Idempotency-Key is in progress: retry when it has finished'),
  '413': errorAnswer('Body over 1 MiB', 413, 'Payload Too Large', 'Request body is too large'),
  '422': errorAnswer(
    'The Idempotency-Key was used before with another request',
    422, 'Unprocessable Entity', 'Idempotency-Key was used before with another request (method, path or body): send a new key for a new request',
  ),
  '429': errorAnswer('Too many requests from this caller this minute (RATE_LIMIT_PER_MINUTE)', 429, 'Too Many Requests', 'too many requests: at most 6000 a minute; retry in 37 seconds', {
    'Retry-After': { description: 'Seconds until the caller may send again', schema: { type: 'integer', minimum: 0, example: 37 } },
  }),
};

/** An answer the route documents already keeps its description and body, with this one's description and example added. */
function merged(existing: ResponseObject | undefined, added: ResponseObject): ResponseObject {
  if (!existing) return added;
  const media = existing.content?.['application/json'];
  return {
    ...existing,
    description: existing.description.includes(added.description) ? existing.description : `${existing.description}; or: ${added.description}`,
    headers: { ...added.headers, ...existing.headers },
    content: media ? { ...existing.content, 'application/json': { example: added.content!['application/json'].example, ...media } } : added.content,
  };
}

/** Adds the Idempotency-Key header and the 409, 413, 422 and 429 answers to every POST of the document. */
export function documentRetries(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    const post: OperationObject | undefined = path.post;
    if (!post) continue;
    post.parameters = [...(post.parameters ?? []), IDEMPOTENCY_KEY];
    for (const [status, answer] of Object.entries(RETRY_ANSWERS)) {
      post.responses[status] = merged(post.responses[status] as ResponseObject | undefined, answer);
    }
  }
  return document;
}
