import { LoggerService } from '@nestjs/common';
import pino, { Logger, LevelWithSilent } from 'pino';

/**
 * One JSON line per entry on stdout. Request lines carry the method, URL, status, time and the
 * correlation id, never a header or a body: keys travel in `Authorization`, and bodies may hold
 * whole source documents. The redaction covers a header that some future serialiser would add.
 */
export function createLogger(level: LevelWithSilent): Logger {
  return pino({
    level,
    base: { service: 'incident-log' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.body'], censor: '[redacted]' },
  });
}

/** Nest's start-up chatter (modules loaded, routes mapped) is debug, not news. */
const START_UP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger writing through the same pino logger, so every line is JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger[context && START_UP_CONTEXTS.has(context) ? 'debug' : 'info']({ context }, String(message));
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context), or (message, context) when there is no stack.
    const [stack, where] = context === undefined ? [undefined, stackOrContext] : [stackOrContext, context];
    this.logger.error({ context: where, ...(stack ? { stack } : {}) }, message instanceof Error ? message.message : String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
