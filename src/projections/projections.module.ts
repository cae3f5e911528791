import { Module } from '@nestjs/common';
import { ProjectionsHttpController } from './http/projections.http.controller';
import { ListProjectionsHandler, RebuildProjectionHandler } from './http/projection-queries';

@Module({ controllers: [ProjectionsHttpController], providers: [ListProjectionsHandler, RebuildProjectionHandler] })
export class ProjectionsModule {}
