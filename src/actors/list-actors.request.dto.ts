import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListActorsRequestDto {
  /** A name or an alias, whatever its case. */
  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,800}$/, { message: '$property must be a nextCursor from a previous page' })
  cursor?: string;
}
