import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IncidentRecorder, RecordOutcome } from '../application/incident-recorder';
import { OpenIncidentCommand } from './open-incident.command';

@CommandHandler(OpenIncidentCommand)
export class OpenIncidentHandler implements ICommandHandler<OpenIncidentCommand> {
  constructor(private readonly recorder: IncidentRecorder) {}

  execute({ incidentId, opening, context }: OpenIncidentCommand): Promise<RecordOutcome> {
    return this.recorder.open(incidentId, opening, context);
  }
}
