import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MaxSafeInteger } from '../http/validation/identifier';

export class ReadGlobalLogRequestDto {
  /** Events after this global position (0, the default, is the start of the log). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @MaxSafeInteger()
  after?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}
