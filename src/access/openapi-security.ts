import type { OpenAPIObject, OperationObject, PathItemObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { UndeclaredRoute } from './access-control';
import { REFUSALS, forbidden, refusalBody, unauthenticated } from './access-refusals';
import { ROLES, Role } from './caller';
import { PUBLIC, accessOf } from './route-access';

const SCHEME = 'bearer';
const LOWEST_ROLE = ROLES[0];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const refusal = (description: string, schema: SchemaObject, example: object, challenge: string): ResponseObject => ({
  description,
  headers: { 'WWW-Authenticate': { description: 'The bearer challenge (RFC 6750)', schema: { type: 'string', example: challenge } } },
  content: { 'application/json': { schema, example } },
});

function secure(operation: OperationObject, role: Role, errorBody: SchemaObject): void {
  operation.security = [{ [SCHEME]: [] }];
  const needs = `Needs a key with the role \`${role}\` or higher.`;
  operation.description = operation.description ? `${operation.description}\n\n${needs}` : needs;
  const noKey = unauthenticated(REFUSALS.missingKey, false);
  operation.responses['401'] = refusal('No key, a key that is not known, or a revoked key', errorBody, refusalBody(noKey), noKey.challenge);
  // Every key is at least a reader: a reader's route never answers 403.
  if (role !== LOWEST_ROLE) {
    const tooLow = forbidden(REFUSALS.roleTooLow(role, 'alice', LOWEST_ROLE));
    operation.responses['403'] = refusal(`The key's role is below \`${role}\``, errorBody, refusalBody(tooLow), tooLow.challenge);
  }
}

/**
 * Declares the bearer scheme and, on every operation that needs a key (all but health and the
 * docs), the requirement, the role and the 401 and 403 answers, from the same table the server checks.
 */
export function secureOpenApi(document: OpenAPIObject, errorBody: SchemaObject): OpenAPIObject {
  document.components ??= {};
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    [SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'ilk_<id>_<secret>',
      description: 'A key made with `npm run cli -- keys create --name <name> --role <reader|recorder|admin>`. With no key configured, the server runs in local mode and needs none.',
    },
  };
  for (const [path, item] of Object.entries(document.paths) as [string, PathItemObject][]) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const access = accessOf(method, url);
      if (access === undefined) throw new UndeclaredRoute(method.toUpperCase(), url);
      if (access !== PUBLIC) secure(operation, access, errorBody);
    }
  }
  return document;
}
