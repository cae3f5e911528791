import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { secureOpenApi } from '../access/openapi-security';
import { ERROR_BODY } from './api-errors.decorator';
import { documentRetries } from '../idempotency/idempotency.openapi';
import { documentErrorAnswers } from './openapi-error-answers';

/**
 * The OpenAPI document at /docs (pages) and /docs-json, built from the controllers and DTOs; the
 * access each operation needs comes from the table the server checks (src/access/route-access.ts).
 */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('incident-log')
    .setDescription('An append-only log of the facts official communiqués report, with provenance and revision history.')
    .setVersion('1')
    .build();
  const document = documentErrorAnswers(documentRetries(secureOpenApi(SwaggerModule.createDocument(app, config), ERROR_BODY)));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
