/**
 * What a user's tools say of the served OpenAPI document: two third-party validators must
 * accept it, as the test app serves it and as the built server (`npm start`) serves it — the
 * build adds the swagger compiler plugin's metadata, which the test app does not have.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, startApp } from '../support/app';

const VALIDATORS = join(__dirname, '../support/validate-openapi.mjs');

function expectValid(document: object): void {
  const verdict = JSON.parse(execFileSync(process.execPath, [VALIDATORS], { input: JSON.stringify(document) }).toString('utf8'));
  expect(verdict).toEqual({ swaggerParser: null, schemaValidator: null });
}

describe('the OpenAPI document, checked by third-party validators', () => {
  it('@apidevtools/swagger-parser and @seriousme/openapi-schema-validator accept the document the app serves', async () => {
    const server = await startApp();
    try {
      expectValid((await http(server.baseUrl, 'GET', '/docs-json')).body);
    } finally {
      await server.close();
    }
  });

  it('both accept the document the built server serves (npm start), saved by the global setup', () => {
    expectValid(JSON.parse(readFileSync(process.env.OPENAPI_DOCUMENT_FILE!, 'utf8')));
  });
});
