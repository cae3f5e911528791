import { Module } from '@nestjs/common';
import { IdentificationsHttpController } from './identifications.http.controller';
import { ListIdentificationsHandler } from './list-identifications.handler';

@Module({ controllers: [IdentificationsHttpController], providers: [ListIdentificationsHandler] })
export class IdentificationsModule {}
