import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, Min } from 'class-validator';

export class GetIncidentRequestDto {
  /** The incident as the log knew it at this record time. */
  @IsOptional() @IsISO8601({ strict: true })
  asOf?: string;

  /** The incident as it was after this version. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  atVersion?: number;
}
