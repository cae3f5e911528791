import { Module } from '@nestjs/common';
import { IncidentReadModel } from '../incidents/application/incident-read-model';
import { IncidentsModule } from '../incidents/incidents.module';
import { MapPlaces } from './map-places';
import { MapPlacesHttpController } from './map-places.http.controller';

/** The map's places: every incident the list's filters keep, grouped by where it is drawn. */
@Module({
  imports: [IncidentsModule],
  controllers: [MapPlacesHttpController],
  providers: [MapPlaces, IncidentReadModel],
})
export class MapModule {}
