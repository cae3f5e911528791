import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsMoment } from '../../http/validation/date-time';

export class GetIncidentRequestDto {
  /** The incident as the log knew it at this record time. */
  @IsOptional() @IsMoment()
  asOf?: string;

  /** The incident as it was after this version. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  atVersion?: number;
}
