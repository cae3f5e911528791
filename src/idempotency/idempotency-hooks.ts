import { BadRequestException, ConflictException, Logger, UnprocessableEntityException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOCAL_WRITER } from '../http/write-context.decorator';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency-key';
import { Claim, IdempotencyStore, StoredAnswer } from './idempotency-store';
import { callerOf } from '../access/caller';
import { requestFingerprint } from './request-fingerprint';

export const REPLAYED_HEADER = 'idempotent-replayed';

/** The headers of an answer a repeat gets again with its body. */
const KEPT_HEADERS = ['content-type', 'location', 'etag'] as const;

const claims = new WeakMap<FastifyRequest, Claim>();

function keptHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/**
 * `Idempotency-Key` on every POST. The key is claimed before the handler runs (preHandler: the body
 * is parsed and checked for depth, the rate limit passed), and the answer kept as it is sent
 * (onSend: the exact bytes, status and headers). A repeat is answered from the store and never
 * reaches the handler, so it writes nothing. While the first request runs, a repeat gets 409.
 */
export function registerIdempotency(fastify: FastifyInstance, store: IdempotencyStore): void {
  const logger = new Logger('Idempotency');

  fastify.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const { key, problem } = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (problem) throw new BadRequestException([problem]);
    if (key === undefined) return;
    const caller = callerOf(request)?.name ?? LOCAL_WRITER;
    const outcome = await store.claim(caller, key, requestFingerprint(request.method, request.url, request.body), Date.now());
    switch (outcome.kind) {
      case 'claimed':
        claims.set(request, outcome.claim);
        return;
      case 'other-request':
        throw new UnprocessableEntityException(['Idempotency-Key was used before with another request (method, path or body): send a new key for a new request']);
      case 'in-progress':
        throw new ConflictException(['a request with this Idempotency-Key is in progress: retry when it has finished']);
      case 'replay':
        return reply.code(outcome.answer.status).headers({ ...outcome.answer.headers, [REPLAYED_HEADER]: 'true' }).send(outcome.answer.body);
    }
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    // A 5xx is not the request's answer but the server's failure: the client may retry it.
    const keep = reply.statusCode < 500 && typeof payload === 'string';
    try {
      if (keep) await store.complete(claim, { status: reply.statusCode, headers: keptHeaders(reply), body: payload } satisfies StoredAnswer, Date.now());
      else await store.release(claim);
    } catch (error) {
      // The answer itself stands; the key stays claimed until it counts as abandoned.
      logger.warn(`could not record the answer to Idempotency-Key ${claim.key}: ${String(error)}`);
    }
    return payload;
  });
}
