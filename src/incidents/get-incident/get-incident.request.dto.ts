import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CheckedFirstBy, compiledCheck } from '../../http/validation/compiled-check';
import { IsMoment } from '../../http/validation/date-time';

/** Most reads ask for the incident as it is now: an empty query needs no DTO. */
@CheckedFirstBy(compiledCheck({ type: 'object', maxProperties: 0 }))
export class GetIncidentRequestDto {
  /** The incident as the log knew it at this record time. */
  @IsOptional() @IsMoment()
  asOf?: string;

  /** The incident as it was after this version. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  atVersion?: number;
}
