import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_CALLER, callerOf } from '../access/caller';
import { WriteContext } from '../log/incident-log-events';

/** The name local mode and the command line write as. */
export const LOCAL_WRITER = LOCAL_CALLER.name;

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Who is writing (the name of the caller's key) and the request's correlation id (the client's
 * `X-Correlation-Id`, or a new one), kept on every event the request stores.
 */
export const Writer = createParamDecorator((_data: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const caller = callerOf(request);
  // Every write route needs a role (src/access/route-access.ts): a write without a caller is a bug.
  if (!caller) throw new Error(`${request.method} ${request.url} writes but the access check found no caller: is the route declared public?`);
  const header = request.headers[CORRELATION_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  return {
    recordedBy: caller.name,
    correlationId: given && given.length <= 200 ? given : uuidv7(),
    causationId: null,
  };
});
