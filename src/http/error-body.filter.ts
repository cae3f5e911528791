import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Conflict, InvalidInput, NotFound, PreconditionFailed, Unprocessable } from '../application/application-errors';
import { DomainRuleViolation } from '../domain/incident/incident-errors';
import { describeProblem } from '../domain/shared/problem';
import { EventIdConflict, WrongExpectedVersion } from '../event-store/event-store.errors';
import { RebuildInProgress, UnknownProjection } from '../projections/engine/projection-errors';

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  409: 'Conflict', 412: 'Precondition Failed', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string[];
}

const body = (statusCode: number, message: string | string[]): ErrorBody => ({
  statusCode,
  error: REASONS[statusCode] ?? 'Error',
  message: Array.isArray(message) ? message : [message],
});

/** Fastify's own errors (malformed JSON, body too large, wrong content type) carry a status code. */
const isFastifyError = (error: unknown): error is { statusCode: number; message: string } =>
  typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number';

/**
 * What `pg` says when its connection is gone without a server error code: the server closed it
 * (terminated backend, restart), or the pool handed out a client whose socket had already died.
 */
const LOST_CONNECTION = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/;

/** SQLite busy with another process's write, or PostgreSQL unreachable, shutting down or cutting the connection. */
function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^SQLITE_BUSY/.test(code) || /^(57P0|08|53300)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code))) return true;
  return error instanceof Error && typeof message === 'string' && LOST_CONNECTION.test(message);
}

/** Seconds a client should wait before retrying a request answered 503. */
export const RETRY_AFTER_SECONDS = 1;

/** Maps every error to the contract's body `{ statusCode, error, message: [...] }`; only bugs are 500. */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message = typeof response === 'object' && response !== null && 'message' in response ? (response as { message: string | string[] }).message : exception.message;
    return body(exception.getStatus(), message);
  }
  if (exception instanceof InvalidInput) return body(400, exception.problems.map(describeProblem));
  if (exception instanceof Unprocessable || exception instanceof DomainRuleViolation) return body(422, exception.problems.map(describeProblem));
  if (exception instanceof NotFound || exception instanceof UnknownProjection) return body(404, exception.message);
  if (exception instanceof Conflict || exception instanceof EventIdConflict || exception instanceof RebuildInProgress) return body(409, exception.message);
  if (exception instanceof PreconditionFailed) return body(412, exception.message);
  if (exception instanceof WrongExpectedVersion) return body(409, `${exception.message}; read it again and retry`);
  if (isDatabaseUnavailable(exception)) return body(503, 'the database is busy or unreachable; retry in a moment');
  if (isFastifyError(exception) && exception.statusCode >= 400 && exception.statusCode < 500) {
    return body(exception.statusCode, exception.statusCode === 400 && !isUrlError(exception) ? `body is not valid JSON: ${exception.message}` : exception.message);
  }
  return body(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
}

/** Errors Fastify's router raises before any route runs: a malformed or overlong URL. */
const isUrlError = (error: unknown): boolean => ['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH'].includes((error as { code?: string }).code ?? '');

function reply(response: FastifyReply, answer: ErrorBody): void {
  if (answer.statusCode === 503) void response.header('retry-after', String(RETRY_AFTER_SECONDS));
  void response.status(answer.statusCode).send(answer);
}

/** Fastify's `frameworkErrors`: the router's own refusals get the contract's body too, not Fastify's. */
export function answerFrameworkError(error: Error, _request: unknown, response: FastifyReply): void {
  reply(response, errorBody(error));
}

@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const answer = errorBody(exception);
    if (answer.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    reply(host.switchToHttp().getResponse<FastifyReply>(), answer);
  }
}
