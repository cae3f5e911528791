import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { SourcesModule } from '../sources/sources.module';
import { ImportDocumentHandler } from './import-document/import-document.handler';
import { ImportDocumentHttpController } from './import-document/import-document.http.controller';

@Module({
  imports: [SourcesModule, IncidentsModule],
  controllers: [ImportDocumentHttpController],
  providers: [ImportDocumentHandler],
})
export class ImportsModule {}
