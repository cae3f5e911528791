import { Command } from '@nestjs/cqrs';
import { WriteContext } from '../../log/incident-log-events';
import { RequestedFact } from '../application/fact-plan';
import { RecordOutcome } from '../application/incident-recorder';

export class RecordIncidentEventsCommand extends Command<RecordOutcome> {
  constructor(
    readonly incidentId: string,
    readonly events: RequestedFact[],
    /** The version the client saw (If-Match), or null to append whatever the version. */
    readonly expectedVersion: number | null,
    readonly context: WriteContext,
  ) {
    super();
  }
}
