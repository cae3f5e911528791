import { Role } from './caller';

/** Why a request was refused, in the words the error body and the OpenAPI examples both use. */
export const REFUSALS = {
  missingKey: 'Authorization: a key is required (send "Authorization: Bearer <key>")',
  notBearer: 'Authorization must be "Bearer <key>"',
  unknownKey: 'Authorization: the key is not known',
  revokedKey: (name: string) => `Authorization: the key "${name}" was revoked`,
  roleTooLow: (needed: Role, name: string, role: Role) => `this request needs a key with the role "${needed}" or higher; the key "${name}" has the role "${role}"`,
};

export interface Refusal {
  status: 401 | 403;
  message: string;
  /** RFC 6750's answer to a bearer token refused. */
  challenge: string;
}

export const isRefusal = (answer: object): answer is Refusal => 'challenge' in answer;

export const unauthenticated = (message: string, invalidToken: boolean): Refusal => ({
  status: 401,
  message,
  challenge: invalidToken ? 'Bearer realm="incident-log", error="invalid_token"' : 'Bearer realm="incident-log"',
});

export const forbidden = (message: string): Refusal => ({ status: 403, message, challenge: 'Bearer realm="incident-log", error="insufficient_scope"' });

export const refusalBody = (refusal: Refusal) => ({
  statusCode: refusal.status,
  error: refusal.status === 401 ? 'Unauthorized' : 'Forbidden',
  message: [refusal.message],
});
