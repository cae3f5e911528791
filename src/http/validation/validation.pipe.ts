import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';
import { describeProblem } from '../../domain/shared/problem';
import { compiledCheckOf } from './compiled-check';
import { VALIDATION_OPTIONS, validationProblems } from './validation-problems';

/** Every body and query is a DTO: unknown fields refused, each message naming its field path. */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...VALIDATION_OPTIONS,
      transform: true,
      // The value is how a missing field is told from a wrong one.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new BadRequestException(validationProblems(errors).map(describeProblem)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadRequestException(['body must be a JSON object']);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unstorable = holdsUnstorableText(value) ? unstorableText(value) : [];
      if (unstorable.length > 0) throw new BadRequestException(unstorable.map((path) => `${path} must not hold a NUL character or an unpaired surrogate`));
    }
    if (metadata.type === 'body') {
      const inherited = holdsInheritedName(value) ? inheritedNames(value) : [];
      if (inherited.length > 0) throw new BadRequestException(inherited.map((path) => `${path} is not a known field`));
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      // A body (or query) its DTO's compiled check accepts is one the DTO would accept unchanged.
      const checked = compiledCheckOf(metadata.metatype)?.(value);
      if (checked !== undefined) return checked;
    }
    return super.transform(value, metadata);
  }
}

/** `prototype` too: class-transformer drops a field of that name, so the whitelist never sees it. */
const OBJECT_MEMBERS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Whether any object in the value has a field named like an Object.prototype member (paths found only then). */
function holdsInheritedName(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsInheritedName);
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (OBJECT_MEMBERS.has(key) || holdsInheritedName((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * Fields named like Object.prototype members (`constructor`, `toString`…) slip through the
 * whitelist, which only sees declared properties; they are refused like any unknown field.
 * Free-form objects (a correction's `data`) are checked too: nothing of that name is a fact's field.
 */
function inheritedNames(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = Array.isArray(value) ? `${path}.${key}` : path ? `${path}.${key}` : key;
    return [...(OBJECT_MEMBERS.has(key) && !Array.isArray(value) ? [at] : []), ...inheritedNames(child, at)];
  });
}

/** A NUL, or half of a UTF-16 surrogate pair: text no store keeps faithfully (PostgreSQL refuses it, JSON readers choke on it). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether any string (or object key) in the value holds unstorable text (paths found only then). */
function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsUnstorableText);
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (UNSTORABLE.test(key) || holdsUnstorableText((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** The paths of every string (or object key) in the value that holds unstorable text. */
function unstorableText(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [path || 'value'] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    return [...(UNSTORABLE.test(key) ? [at] : []), ...unstorableText(child, at)];
  });
}
