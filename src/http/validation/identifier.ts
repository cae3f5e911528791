import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID, Max } from 'class-validator';

/** UUIDs compare in lower case: the same id typed in capitals is the same id. */
export const IsId = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsUUID('all'),
  );

/** Counts and quantities stay exact integers in JSON and JavaScript. */
export const MaxSafeInteger = () => Max(Number.MAX_SAFE_INTEGER, { message: `$property must be at most ${Number.MAX_SAFE_INTEGER}` });
