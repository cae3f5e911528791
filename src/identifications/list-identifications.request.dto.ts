import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IDENTIFICATION_STATUSES, IdentificationStatus } from '../domain/incident/incident-view';

export class ListIdentificationsRequestDto {
  @IsOptional() @IsIn(IDENTIFICATION_STATUSES)
  status?: IdentificationStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsUUID('all')
  cursor?: string;
}
