import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { WriteContext } from '../log/incident-log-events';

/** Until access control exists every caller writes as `local`. */
export const LOCAL_WRITER = 'local';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Who is writing and the request's correlation id (the client's `X-Correlation-Id`, or a new
 * one), kept on every event the request stores.
 */
export const Writer = createParamDecorator((_data: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  const header = request.headers[CORRELATION_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  return {
    recordedBy: LOCAL_WRITER,
    correlationId: given && given.length <= 200 ? given : uuidv7(),
    causationId: null,
  };
});
