import { Module } from '@nestjs/common';
import { ProjectionsHttpController } from './http/projections.http.controller';

@Module({ controllers: [ProjectionsHttpController] })
export class ProjectionsModule {}
