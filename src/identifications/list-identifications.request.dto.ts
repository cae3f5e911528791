import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IDENTIFICATION_STATUSES, IdentificationStatus } from '../domain/incident/incident-view';
import { IsId } from '../http/validation/identifier';

export class ListIdentificationsRequestDto {
  @IsOptional() @IsIn(IDENTIFICATION_STATUSES)
  status?: IdentificationStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsId()
  cursor?: string;
}
