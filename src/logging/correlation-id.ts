import type { IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

export const CORRELATION_HEADER = 'x-correlation-id';

/** A client's id is kept when it is short printable text; anything else gets a new one. */
const USABLE = /^[\x21-\x7e]{1,200}$/;

/**
 * The request's id in logs and on every event it stores: the client's `X-Correlation-Id`, or a
 * new UUID. Fastify calls this once per request and keeps it as `request.id`.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const header = request.headers[CORRELATION_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && USABLE.test(given) ? given : uuidv7();
}
