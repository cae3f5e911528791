import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { ErrorBodyFilter, answerFrameworkError } from './error-body.filter';
import { serveOpenApi } from './openapi';
import { parseJsonAsUtf8Only } from './utf8-json-parser';
import { RequestValidationPipe } from './validation/validation.pipe';

/** Large enough for a long source document sent as JSON; larger bodies get 413. */
const BODY_LIMIT_BYTES = 12 * 1024 * 1024;

export async function createApp(config: AppConfig, logger?: LoggerService | LogLevel[] | false): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, frameworkErrors: answerFrameworkError });
  // Bodies are JSON only: anything else is answered 415, not parsed as text.
  adapter.getInstance().removeContentTypeParser('text/plain');
  parseJsonAsUtf8Only(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    // Fastify's own JSON parser only: no form bodies.
    bodyParser: false,
    ...(logger === undefined ? {} : { logger }),
  });
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new ErrorBodyFilter());
  app.enableShutdownHooks();
  serveOpenApi(app);
  await app.init();
  return app;
}
