import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { registerIdempotency } from '../idempotency/idempotency-hooks';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { ErrorBodyFilter } from './error-body.filter';
import { serveOpenApi } from './openapi';
import { registerRateLimit } from './rate-limit';
import { BODY_LIMIT_BYTES, registerRequestLimits } from './request-limits';
import { registerSecurityHeaders } from './security-headers';
import { RequestValidationPipe } from './validation/validation.pipe';

export async function createApp(config: AppConfig, logger?: LoggerService | LogLevel[] | false): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
  // Bodies are JSON only: anything else is answered 415, not parsed as text.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    // Fastify's own JSON parser only: no form bodies.
    bodyParser: false,
    ...(logger === undefined ? {} : { logger }),
  });
  // Plugins and hooks before init, which adds the routes they apply to.
  const fastify = adapter.getInstance();
  await registerSecurityHeaders(fastify, config);
  await registerRateLimit(fastify, config);
  registerRequestLimits(fastify);
  registerIdempotency(fastify, app.get(IdempotencyStore));
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new ErrorBodyFilter());
  app.enableShutdownHooks();
  serveOpenApi(app);
  await app.init();
  return app;
}
