import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LevelWithSilent } from 'pino';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { CORRELATION_HEADER, correlationIdOf } from '../logging/correlation-id';
import { PinoNestLogger, createLogger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';
import { timeRequests } from '../metrics/request-metrics';
import { ErrorBodyFilter } from './error-body.filter';
import { serveOpenApi } from './openapi';
import { RequestValidationPipe } from './validation/validation.pipe';
import { serveWeb } from '../web/serve-web';

/** Large enough for a long source document sent as JSON; larger bodies get 413. */
const BODY_LIMIT_BYTES = 12 * 1024 * 1024;

/** The HTTP app over the configured store; `logLevel` overrides `LOG_LEVEL` (tests run silent). */
export async function createApp(config: AppConfig, logLevel: LevelWithSilent = config.logLevel): Promise<NestFastifyApplication> {
  const logger = createLogger(logLevel);
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, loggerInstance: logger, genReqId: correlationIdOf });
  const fastify = adapter.getInstance();
  // Bodies are JSON only: anything else is answered 415, not parsed as text.
  fastify.removeContentTypeParser('text/plain');
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
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new ErrorBodyFilter());
  serveOpenApi(app);
  serveWeb(fastify);
  await app.init();
  return app;
}
