import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsObject, ValidateNested } from 'class-validator';

/**
 * A required JSON object validated with its own DTO. `ValidateNested` alone lets an array
 * through (it validates each element), so the value must also be an object.
 */
export const NestedObject = (type: () => new () => object) =>
  applyDecorators(IsDefined(), IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));

/** An array of JSON objects, each validated with its DTO (an element that is an array is refused). */
export const NestedObjects = (type: () => new () => object) =>
  applyDecorators(
    IsArray(),
    IsObject({ each: true, message: 'each element of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
