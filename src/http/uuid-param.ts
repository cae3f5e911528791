import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

/** A path id that is not a UUID is a bad request naming the parameter, not a 404. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({ version: 'all', exceptionFactory: () => new BadRequestException([`${name} must be a UUID`]) }),
    // The same id in capitals is the same id.
    { transform: (id: string) => id.toLowerCase() },
  );
