import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO31661Alpha2, IsOptional, IsString, MaxLength, ValidationArguments, registerDecorator } from 'class-validator';
import { IsMoment } from '../http/validation/date-time';

/**
 * A query list: `side=hostile,civilian`, or the parameter repeated (`side=hostile&side=civilian`),
 * or both; items are trimmed. Anything else is left for the validator to refuse.
 */
export const CommaSeparated = () =>
  Transform(({ value }: { value: unknown }) => {
    const parts = Array.isArray(value) ? value : [value];
    return parts.every((part) => typeof part === 'string') ? (parts as string[]).flatMap((part) => part.split(',').map((item) => item.trim())) : value;
  });

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** What is wrong with a list of values, or null when it is a non-empty list of known values, each once. */
function listProblem(value: unknown, allowed: readonly string[]): string | null {
  const expected = `one or more of ${allowed.join(', ')}, comma-separated, each once`;
  if (!Array.isArray(value) || value.length === 0) return `must be ${expected}`;
  const unknown = value.find((item) => typeof item !== 'string' || !allowed.includes(item));
  if (unknown !== undefined) return unknown === '' ? `has an empty item: must be ${expected}` : `has ${shown(unknown)}, which is not one of ${allowed.join(', ')}`;
  const repeated = value.find((item, index) => value.indexOf(item) !== index);
  if (repeated !== undefined) return `names ${repeated} more than once: each at most once`;
  return null;
}

/** A comma-separated list (see `CommaSeparated`) of known values, each at most once; the message says which item is wrong. */
export function IsListOf(allowed: readonly string[]) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isListOf',
      target: target.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => `${args.property} ${listProblem(args.value, allowed)}` },
      validator: { validate: (value: unknown) => listProblem(value, allowed) === null },
    });
}

/** How OpenAPI shows a comma-separated list parameter: one string. */
export const listParameter = (allowed: readonly string[], description: string, example: string) =>
  ApiPropertyOptional({
    type: String,
    description: `${description} Comma-separated, one or more of: ${allowed.join(', ')}; each at most once.`,
    example,
  });

/** The filters every tally takes (AND-combined), as `GET /incidents` applies them, and `asOf`. */
export class TallyFiltersRequestDto {
  @ApiPropertyOptional({ type: String, description: 'Only incidents in this country (ISO 3166-1 alpha-2).', example: 'ML' })
  @IsOptional() @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ type: String, description: 'Only incidents of this operation, whatever its case.', example: 'Barkhane', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  operation?: string;

  @ApiPropertyOptional({
    type: String, description: 'Only incidents that happened (in part) at or after this time: a date, or a date-time (UTC without offset).', example: '2018-11-01',
  })
  @IsOptional() @IsMoment()
  from?: string;

  @ApiPropertyOptional({
    type: String, description: 'Only incidents that happened (in part) at or before this time: a date, or a date-time (UTC without offset).', example: '2018-11-30T23:59:59Z',
  })
  @IsOptional() @IsMoment()
  to?: string;

  @ApiPropertyOptional({ type: String, description: 'The tally as the log knew it at this record time (default: now).', example: '2018-11-13T00:00:00Z' })
  @IsOptional() @IsMoment()
  asOf?: string;
}
