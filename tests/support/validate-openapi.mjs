// Runs the two third-party OpenAPI validators on a document read from standard input, in a
// process of its own (both are ES modules, which jest's CommonJS runtime cannot load), and prints
// { swaggerParser, schemaValidator } as JSON: each null when valid, else the errors.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Validator } from '@seriousme/openapi-schema-validator';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
let swaggerParser = null;
try {
  await SwaggerParser.validate(structuredClone(document));
} catch (error) {
  swaggerParser = error.message;
}
const verdict = await new Validator().validate(structuredClone(document));
process.stdout.write(JSON.stringify({ swaggerParser, schemaValidator: verdict.valid ? null : verdict.errors }));
