import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Times are ISO 8601 date-times with an offset (API.md): `2018-11-11T18:00:00Z`, not a bare date. */
export const IsDateTimeWithOffset = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(WITH_OFFSET, { message: '$property must be an ISO 8601 date-time with a time zone offset, e.g. 2018-11-11T18:00:00Z' }),
  );
