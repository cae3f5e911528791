import { readFileSync } from 'node:fs';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Every answer the e2e suites receive is checked against the OpenAPI document the built server
 * serves (saved by `global-setup.js`; the test apps' own lacks the swagger plugin's metadata): its status must be declared for the operation, its media type too, and a JSON body
 * must match the declared schema — with no property the schema does not declare. A mismatch
 * throws, so the test that met it fails, and a new route or field is covered by the suites
 * that already exist.
 */
interface Operation {
  method: string;
  pattern: RegExp;
  template: string;
}

interface Checker {
  operations: Operation[];
  document: any;
  ajv: Ajv;
  compiled: Map<string, ValidateFunction>;
}

let checker: Checker | undefined;

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable: true` becomes "null, or the rest" (so a
 * nullable `$ref` or enum admits null), and object schemas with properties list all of them,
 * so an undeclared field is a mismatch.
 */
function toJsonSchema(schema: any): any {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const converted: any = {};
  for (const [key, value] of Object.entries(schema)) converted[key] = key === 'example' || key === 'examples' ? value : toJsonSchema(value);
  if (converted.properties && converted.additionalProperties === undefined && !converted.allOf) converted.additionalProperties = false;
  if (converted.nullable !== true) return converted;
  const { nullable: _nullable, description, ...rest } = converted;
  return { description, anyOf: [{ type: 'null' }, rest] };
}

function loadChecker(): Checker {
  const file = process.env.OPENAPI_DOCUMENT_FILE;
  if (!file) throw new Error('OPENAPI_DOCUMENT_FILE is not set: run the tests with jest, whose global setup saves the document');
  const document = JSON.parse(readFileSync(file, 'utf8'));
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<any>(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')}$`);
    for (const method of Object.keys(item)) operations.push({ method: method.toUpperCase(), pattern, template });
  }
  const schemas = { paths: toJsonSchema(document.paths), components: toJsonSchema(document.components) };
  // OpenAPI 3.0 schemas: `nullable` is understood, `example` and friends are annotations.
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
  addFormats(ajv);
  ajv.addSchema({ ...schemas, $id: 'openapi' });
  return { operations, document, ajv, compiled: new Map() };
}

const pointer = (...parts: string[]): string => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Throws when the answer to `method path` is not what the served document declares. */
export function checkAnswer(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
  checker ??= loadChecker();
  const bare = path.split('?')[0];
  // Paths the document does not have (an unknown route's 404) have no contract to check.
  const operation = checker.operations.find((candidate) => candidate.method === method.toUpperCase() && candidate.pattern.test(bare))
    ?? checker.operations.find((candidate) => candidate.method === method.toUpperCase() && candidate.template === bare);
  if (!operation || bare.startsWith('/docs')) return;
  const where = `${method.toUpperCase()} ${operation.template} answered ${status}`;
  const responses = checker.document.paths[operation.template][operation.method.toLowerCase()].responses;
  const declared = responses[String(status)] ?? responses.default;
  if (!declared) throw new Error(`${where}, a status the OpenAPI document does not declare (it declares ${Object.keys(responses).join(', ')})`);
  if (status === 204 || body === undefined || body === '') return;
  const mediaType = (contentType ?? '').split(';')[0].trim();
  const content = declared.content ?? {};
  if (!content[mediaType]) throw new Error(`${where} with ${mediaType || 'no content type'}, which the document does not declare for it (${Object.keys(content).join(', ') || 'no body'})`);
  if (!/json$/.test(mediaType) || !content[mediaType].schema) return;
  const ref = `openapi#/${pointer('paths', operation.template, operation.method.toLowerCase(), 'responses', String(status) in responses ? String(status) : 'default', 'content', mediaType, 'schema')}`;
  let validate = checker!.compiled.get(ref);
  if (!validate) {
    validate = checker!.ajv.compile({ $ref: ref });
    checker!.compiled.set(ref, validate);
  }
  if (!validate(body)) {
    const problems = validate.errors!.slice(0, 5).map((error) => `${error.instancePath || '(body)'} ${error.message}${error.params && 'additionalProperty' in error.params ? `: ${String(error.params.additionalProperty)}` : ''}`);
    throw new Error(`${where} with a body the OpenAPI document does not allow: ${problems.join('; ')}`);
  }
}
