import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { ProjectionEngine } from '../../projections/engine/projection-engine';
import { EventsRecorded } from './events-recorded.event';

@EventsHandler(EventsRecorded)
export class WakeProjectionsHandler implements IEventHandler<EventsRecorded> {
  constructor(private readonly projections: ProjectionEngine) {}

  handle(): void {
    void this.projections.wake();
  }
}
