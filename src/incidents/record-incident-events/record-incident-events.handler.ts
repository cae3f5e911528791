import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IncidentRecorder, RecordOutcome } from '../application/incident-recorder';
import { RecordIncidentEventsCommand } from './record-incident-events.command';

@CommandHandler(RecordIncidentEventsCommand)
export class RecordIncidentEventsHandler implements ICommandHandler<RecordIncidentEventsCommand> {
  constructor(private readonly recorder: IncidentRecorder) {}

  execute({ incidentId, events, expectedVersion, context }: RecordIncidentEventsCommand): Promise<RecordOutcome> {
    return this.recorder.record(incidentId, events, expectedVersion, context);
  }
}
