import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LOCAL_CALLER, callerOf } from '../access/caller';
import { WriteContext } from '../log/incident-log-events';

/** The name local mode and the command line write as. */
export const LOCAL_WRITER = LOCAL_CALLER.name;

/**
 * Who is writing (the name of the caller's key) and the request's correlation id (`request.id`:
 * the client's `X-Correlation-Id`, or a new one, see `correlationIdOf`), kept on every event the
 * request stores.
 */
export const Writer = createParamDecorator((_data: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const caller = callerOf(request);
  // Every write route needs a role (src/access/route-access.ts): a write without a caller is a bug.
  if (!caller) throw new Error(`${request.method} ${request.url} writes but the access check found no caller: is the route declared public?`);
  return { recordedBy: caller.name, correlationId: request.id, causationId: null };
});
