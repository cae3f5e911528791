import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

/**
 * One of the values, or a non-empty list of them without repeats: the v1 form of a field that
 * became a list (`StrikeConducted.means`) is still accepted.
 */
export function IsOneOrMoreOf(values: readonly string[], options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isOneOrMoreOf',
      target: target.constructor,
      propertyName,
      options: { message: `$property must be one of ${values.join(', ')}, or a non-empty list of them without repeats`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string'
            ? values.includes(value)
            : Array.isArray(value) && value.length > 0 && value.every((v) => values.includes(v)) && new Set(value).size === value.length,
      },
    });
}

/** A non-empty list of the values without repeats. */
export function IsNonEmptyListOf(values: readonly string[], options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNonEmptyListOf',
      target: target.constructor,
      propertyName,
      options: { message: `$property must be a non-empty list of ${values.join(', ')}, without repeats`, ...options },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) && value.length > 0 && value.every((v) => values.includes(v)) && new Set(value).size === value.length,
      },
    });
}

/** A field that replaced another: sending both is refused (`mode` and `modes`). */
export function IsNotGivenWith(other: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotGivenWith',
      target: target.constructor,
      propertyName,
      constraints: [other],
      options: { message: `$property must not be given with ${other}: send one of them`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined || (args.object as Record<string, unknown>)[other] === undefined,
      },
    });
}

/** In a free-form object (a correction's fields): a field and the one that replaced it are not both given. */
export function IsNotGivenWithin(old: string, replacement: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotGivenWithin',
      target: target.constructor,
      propertyName,
      options: { message: `$property must not give both ${old} and ${replacement}: send one of them`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null) return true;
          const fields = value as Record<string, unknown>;
          return fields[old] === undefined || fields[old] === null || !(replacement in fields);
        },
      },
    });
}
