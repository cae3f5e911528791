import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { isDateTimeWithOffset } from './date-time';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function compareWith(
  name: string,
  other: string,
  holds: (value: unknown, otherValue: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      // One constraint per compared field, so `low ≤ best` and `low ≤ high` are both reported.
      name: `${name}:${other}`,
      target: target.constructor,
      propertyName,
      constraints: [other],
      options: { message, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => holds(value, (args.object as Record<string, unknown>)[other]),
      },
    });
}

/** low ≤ best: checked only when both are numbers (their own rules report the rest). */
export const IsAtMost = (other: string, options?: ValidationOptions) =>
  compareWith('isAtMost', other, (v, o) => !isNumber(v) || !isNumber(o) || v <= o, `$property must be ≤ ${other}`, options);

export const IsAtLeast = (other: string, options?: ValidationOptions) =>
  compareWith('isAtLeast', other, (v, o) => !isNumber(v) || !isNumber(o) || v >= o, `$property must be ≥ ${other}`, options);

/** Checked only when both are valid date-times (their own rules report the rest). */
export const IsNotBefore = (other: string, options?: ValidationOptions) =>
  compareWith(
    'isNotBefore',
    other,
    (v, o) => !isDateTimeWithOffset(v) || !isDateTimeWithOffset(o) || Date.parse(v) >= Date.parse(o),
    `$property must not be before ${other}`,
    options,
  );

const isGiven = (value: unknown) => value !== null && value !== undefined;

/** Coordinates come in pairs: both or neither. */
export const IsGivenWith = (other: string, options?: ValidationOptions) =>
  compareWith('isGivenWith', other, (v, o) => isGiven(v) === isGiven(o), `$property must be given with ${other} (both or neither)`, options);

/** An estimate must say something: at least one of low, best and high. */
export const GivesAFigure = (options?: ValidationOptions) => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'givesAFigure',
    target: target.constructor,
    propertyName,
    options: { message: '$property must give at least one of low, best, high', ...options },
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'object' || value === null || Array.isArray(value) || ['low', 'best', 'high'].some((k) => isGiven((value as Record<string, unknown>)[k])),
    },
  });
