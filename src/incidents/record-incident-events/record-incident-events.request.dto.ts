import { ArrayMaxSize, ArrayNotEmpty } from 'class-validator';
import { CheckedFirstBy } from '../../http/validation/compiled-check';
import { NestedObjects } from '../../http/validation/nested-object';
import { IncidentEventDto } from '../facts/incident-event.request.dto';
import { recordIncidentEventsBodyCheck } from './record-incident-events.body-check';

/** At most 500 events a request: one communiqué's facts fit many times over. */
export const MAX_EVENTS_PER_REQUEST = 500;

@CheckedFirstBy(recordIncidentEventsBodyCheck(MAX_EVENTS_PER_REQUEST))
export class RecordIncidentEventsRequestDto {
  @ArrayNotEmpty() @ArrayMaxSize(MAX_EVENTS_PER_REQUEST) @NestedObjects(() => IncidentEventDto)
  events: IncidentEventDto[];
}
