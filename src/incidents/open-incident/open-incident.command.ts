import { Command } from '@nestjs/cqrs';
import { WriteContext } from '../../log/incident-log-events';
import { Opening, RecordOutcome } from '../application/incident-recorder';

export class OpenIncidentCommand extends Command<RecordOutcome> {
  constructor(readonly incidentId: string, readonly opening: Opening, readonly context: WriteContext) {
    super();
  }
}
