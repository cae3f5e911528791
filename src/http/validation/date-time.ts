import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidationOptions } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A real calendar day (no 30 February) that JavaScript parses to the same instant everywhere. */
function isRealDate(value: string): boolean {
  const [, year, month, day] = DATE.exec(value)!.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && Number.isFinite(Date.parse(value));
}

export const isDateTimeWithOffset = (value: unknown): value is string =>
  typeof value === 'string' && DATE_TIME_WITH_OFFSET.test(value) && isRealDate(value);

/** Times are ISO 8601 date-times with an offset (API.md): `2018-11-11T18:00:00Z`, not a bare date. */
export const IsDateTimeWithOffset = (options?: ValidationOptions) =>
  applyDecorators(
    ValidateBy(
      { name: 'isDateTimeWithOffset', validator: { validate: isDateTimeWithOffset } },
      { message: '$property must be an ISO 8601 date-time with a time zone offset, e.g. 2018-11-11T18:00:00Z', ...options },
    ),
  );

/** A moment in a query (`asOf`, `from`, `to`): a date, or a date-time (UTC when it has no offset). */
export const IsMoment = () =>
  ValidateBy(
    {
      name: 'isMoment',
      validator: { validate: (value: unknown) => typeof value === 'string' && DATE_OR_DATE_TIME.test(value) && isRealDate(value) },
    },
    { message: '$property must be an ISO 8601 date or date-time, e.g. 2018-11-13 or 2018-11-13T00:00:00Z' },
  );
