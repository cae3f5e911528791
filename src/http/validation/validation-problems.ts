import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { Problem } from '../../domain/shared/problem';

export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Turns class-validator's tree of errors into problems named by their full field path. */
export function validationProblems(errors: ValidationError[], parentPath = ''): Problem[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    // A missing field breaks every rule of its type; one reason says it better.
    const missing = constraints.length > 0 && (error.value === undefined || error.value === null) && !('whitelistValidation' in (error.constraints ?? {}));
    const typeBroken = constraints.find(([constraint]) => TYPE_CONSTRAINTS.includes(constraint));
    const own = missing
      ? [{ path, reason: error.value === null ? 'must not be null' : 'is required' }]
      : (typeBroken ? [typeBroken] : constraints).map(([constraint, message]): Problem => ({ path, reason: reasonOf(constraint, message, error.property) }));
    // A field that is not what it should be (not an array, not an object) has no fields to report.
    return own.length > 0 ? own : validationProblems(error.children ?? [], path);
  });
}

/** When a value has the wrong type, that is the one reason worth giving (not its length too). */
const TYPE_CONSTRAINTS = ['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject'];

function reasonOf(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return 'is not a known field';
  if (constraint === 'unknownValue') return 'must be an object';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** Validates plain data against a DTO class, as the HTTP layer does for request bodies. */
export function validatePlain<T extends object>(type: ClassConstructor<T>, plain: unknown, path = ''): { value: T; problems: Problem[] } {
  const value = plainToInstance(type, plain);
  return { value, problems: validationProblems(validateSync(value, VALIDATION_OPTIONS), path) };
}
