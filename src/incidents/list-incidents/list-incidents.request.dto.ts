import { Type } from 'class-transformer';
import { IsISO31661Alpha2, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsMoment } from '../../http/validation/date-time';
import { IsId } from '../../http/validation/identifier';
import { IsBooleanText } from '../../http/validation/boolean-text';

export class ListIncidentsRequestDto {
  @IsOptional() @IsISO31661Alpha2()
  country?: string;

  /** Incidents that happened (in part) at or after this time. */
  @IsOptional() @IsMoment()
  from?: string;

  /** Incidents that happened (in part) at or before this time. */
  @IsOptional() @IsMoment()
  to?: string;

  @IsOptional() @IsString() @MaxLength(200)
  operation?: string;

  /** An actor's name, whatever its case. */
  @IsOptional() @IsString() @MaxLength(200)
  actor?: string;

  /** Incidents that cite this source. */
  @IsOptional() @IsId()
  sourceId?: string;

  /** Withdrawn incidents are left out unless this is true. */
  @ApiProperty({ required: false, type: Boolean, default: false })
  @IsOptional() @IsBooleanText()
  includeWithdrawn?: 'true' | 'false';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: '$property must be a nextCursor from a previous page' })
  cursor?: string;
}
