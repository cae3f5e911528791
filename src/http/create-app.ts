import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { LevelWithSilent } from 'pino';
import { installAccessControl } from '../access/access-control';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { CORRELATION_HEADER, correlationIdOf } from '../logging/correlation-id';
import { PinoNestLogger, createLogger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';
import { timeRequests } from '../metrics/request-metrics';
import { registerIdempotency } from '../idempotency/idempotency-hooks';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { ErrorBodyFilter, answerFrameworkError } from './error-body.filter';
import { trackSockets } from './graceful-shutdown';
import { serveOpenApi } from './openapi';
import { registerRateLimit } from './rate-limit';
import { BODY_LIMIT_BYTES, registerRequestLimits } from './request-limits';
import { registerSecurityHeaders } from './security-headers';
import { parseJsonAsUtf8Only } from './utf8-json-parser';
import { RequestValidationPipe } from './validation/validation.pipe';
import { serveWeb } from '../web/serve-web';

/** The HTTP app over the configured store; `logLevel` overrides `LOG_LEVEL` (tests run silent). */
export async function createApp(config: AppConfig, logLevel: LevelWithSilent = config.logLevel): Promise<NestFastifyApplication> {
  const logger = createLogger(logLevel);
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, loggerInstance: logger, genReqId: correlationIdOf, logController: new LogController({ requestIdLogLabel: 'correlationId' }), frameworkErrors: answerFrameworkError });
  const fastify = adapter.getInstance();
  trackSockets(fastify.server);
  // Bodies are JSON only: anything else is answered 415, not parsed as text.
  fastify.removeContentTypeParser('text/plain');
  parseJsonAsUtf8Only(fastify);
  // The client finds its request in the logs, and its events in the log, by the id it is answered with.
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    // Fastify's own JSON parser only: no form bodies.
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  timeRequests(fastify, app.get(Metrics));
  installAccessControl(app);
  // Plugins and hooks before init, which adds the routes they apply to; the rate limit and the
  // Idempotency-Key come after the access check, which names the caller they count for.
  await registerSecurityHeaders(fastify, config);
  await registerRateLimit(fastify, config);
  registerRequestLimits(fastify);
  registerIdempotency(fastify, app.get(IdempotencyStore));
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new ErrorBodyFilter());
  serveOpenApi(app);
  serveWeb(fastify);
  await app.init();
  return app;
}
