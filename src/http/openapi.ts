import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentRetries } from '../idempotency/idempotency.openapi';

/** The OpenAPI document at /docs (pages) and /docs-json, built from the controllers and DTOs. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('incident-log')
    .setDescription('An append-only log of the facts official communiqués report, with provenance and revision history.')
    .setVersion('1')
    .build();
  const document = documentRetries(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
