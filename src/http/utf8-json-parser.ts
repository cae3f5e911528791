import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';

/** A body whose bytes are not UTF-8; Fastify's status code makes it a 400 with the contract's body. */
class NotUtf8 extends Error {
  readonly statusCode = 400;
  readonly code = 'BODY_NOT_UTF8';
}

/**
 * Fastify's JSON parser decodes the body as UTF-8 and turns bytes that are not into U+FFFD, so
 * a source's text would be stored other than it was sent (and its sha256 with it). Bodies are
 * JSON in UTF-8 (API "All bodies"): anything else is refused before it is parsed.
 */
export function parseJsonAsUtf8Only(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) return done(new NotUtf8('it is not UTF-8 (a byte sequence no UTF-8 text holds)'), undefined);
    parseJson(request, bytes.toString('utf8'), done);
  });
}
