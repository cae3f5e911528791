import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ListSourcesRequestDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsUUID('all')
  cursor?: string;
}
