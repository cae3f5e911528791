import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from './access/access.module';
import { ActorsModule } from './actors/actors.module';
import { ExportsModule } from './exports/exports.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { GlobalLogModule } from './global-log/global-log.module';
import { HealthHandler, HealthHttpController } from './health/health.http.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IdentificationsModule } from './identifications/identifications.module';
import { ImportsModule } from './imports/imports.module';
import { IncidentsModule } from './incidents/incidents.module';
import { MapModule } from './map/map.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProjectionsModule } from './projections/projections.module';
import { SourcesModule } from './sources/sources.module';
import { StatsModule } from './stats/stats.module';
import { StorageModule } from './infrastructure/storage.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        CqrsModule.forRoot(),
        StorageModule,
        MetricsModule,
        AccessModule,
        IdempotencyModule,
        SourcesModule,
        IncidentsModule,
        ImportsModule,
        GlobalLogModule,
        StatsModule,
        IdentificationsModule,
        ActorsModule,
        ProjectionsModule,
        ExportsModule,
        MapModule,
      ],
      controllers: [HealthHttpController],
      providers: [HealthHandler],
    };
  }
}
