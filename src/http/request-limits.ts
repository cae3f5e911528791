import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './validation/json-depth';

/** 1 MiB of JSON: far more than any communiqué with its facts; larger bodies get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A refused body is read to its end (and thrown away) up to this size; past it the connection is cut. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/** Reads what the client is still sending and throws it away, so that it can read the answer. */
function discardRest(raw: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let discarded = 0;
    const done = () => {
      raw.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > MAX_DISCARDED_BYTES) {
        raw.destroy();
        done();
      }
    };
    raw.on('data', count);
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    raw.resume();
  });
}

/**
 * Limits on what a request may send, beyond each DTO's own: the body's size and its nesting.
 * An answer sent before the body was read (413, 429) first waits for the body to arrive: a
 * server that answers and closes while the client is still sending makes the client see the
 * connection reset (ECONNRESET) instead of the answer.
 */
export function registerRequestLimits(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, MAX_JSON_DEPTH)) throw new BadRequestException([`body must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep`]);
  });
  fastify.addHook('onSend', async (request, _reply, payload) => {
    if (!request.raw.complete && !request.raw.destroyed) await discardRest(request.raw);
    return payload;
  });
}
