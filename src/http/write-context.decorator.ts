import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WriteContext } from '../log/incident-log-events';

/** Until access control exists every caller writes as `local`. */
export const LOCAL_WRITER = 'local';

/**
 * Who is writing and the request's correlation id (`request.id`: the client's
 * `X-Correlation-Id`, or a new one, see `correlationIdOf`), kept on every event the request stores.
 */
export const Writer = createParamDecorator((_data: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return { recordedBy: LOCAL_WRITER, correlationId: request.id, causationId: null };
});
