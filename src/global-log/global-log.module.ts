import { Module } from '@nestjs/common';
import { ReadGlobalLogHandler } from './read-global-log.handler';
import { ReadGlobalLogHttpController } from './read-global-log.http.controller';

@Module({ controllers: [ReadGlobalLogHttpController], providers: [ReadGlobalLogHandler] })
export class GlobalLogModule {}
