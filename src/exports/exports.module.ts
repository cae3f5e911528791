import { Module } from '@nestjs/common';
import { IncidentReadModel } from '../incidents/application/incident-read-model';
import { IncidentsModule } from '../incidents/incidents.module';
import { SourceReadModel } from '../sources/source-read-model';
import { ExportedIncidents } from './exported-incidents';
import { ExportsHttpController } from './exports.http.controller';

/** ACLED, UCDP and GeoJSON exports over the read models (the query classes hold no state, so they are provided here too). */
@Module({
  imports: [IncidentsModule],
  controllers: [ExportsHttpController],
  providers: [ExportedIncidents, IncidentReadModel, SourceReadModel],
  exports: [ExportedIncidents],
})
export class ExportsModule {}
