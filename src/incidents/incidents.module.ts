import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { IncidentReadModel } from './application/incident-read-model';
import { IncidentRecorder } from './application/incident-recorder';
import { IncidentStreams } from './application/incident-streams';
import { WakeProjectionsHandler } from './application/wake-projections.handler';
import { GetIncidentHandler } from './get-incident/get-incident.handler';
import { GetIncidentHttpController } from './get-incident/get-incident.http.controller';
import { IncidentHistoryHandler } from './incident-history/incident-history.handler';
import { IncidentHistoryHttpController } from './incident-history/incident-history.http.controller';
import { ListIncidentsHandler } from './list-incidents/list-incidents.handler';
import { ListIncidentsHttpController } from './list-incidents/list-incidents.http.controller';
import { OpenIncidentHandler } from './open-incident/open-incident.handler';
import { OpenIncidentHttpController } from './open-incident/open-incident.http.controller';
import { RecordIncidentEventsHandler } from './record-incident-events/record-incident-events.handler';
import { RecordIncidentEventsHttpController } from './record-incident-events/record-incident-events.http.controller';

@Module({
  imports: [SourcesModule],
  controllers: [
    OpenIncidentHttpController, RecordIncidentEventsHttpController, ListIncidentsHttpController, GetIncidentHttpController,
    IncidentHistoryHttpController,
  ],
  providers: [
    IncidentStreams, IncidentRecorder, IncidentReadModel, WakeProjectionsHandler,
    OpenIncidentHandler, RecordIncidentEventsHandler, GetIncidentHandler, ListIncidentsHandler, IncidentHistoryHandler,
  ],
  exports: [IncidentRecorder, IncidentStreams],
})
export class IncidentsModule {}
