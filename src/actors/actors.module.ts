import { Module } from '@nestjs/common';
import { ActorsHttpController } from './actors.http.controller';
import { ListActorsHandler } from './list-actors.handler';

@Module({ controllers: [ActorsHttpController], providers: [ListActorsHandler] })
export class ActorsModule {}
