import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, ValidateNested } from 'class-validator';
import { IncidentEventDto } from '../facts/incident-event.request.dto';

/** At most 500 events a request: one communiqué's facts fit many times over. */
export const MAX_EVENTS_PER_REQUEST = 500;

export class RecordIncidentEventsRequestDto {
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_EVENTS_PER_REQUEST)
  @ValidateNested({ each: true }) @Type(() => IncidentEventDto)
  events: IncidentEventDto[];
}
