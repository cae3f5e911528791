import { Module } from '@nestjs/common';
import { GetSourceHandler } from './get-source/get-source.handler';
import { ListSourcesHandler } from './list-sources/list-sources.handler';
import { ProvenanceCheck } from './provenance-check';
import { RegisterSourceHandler } from './register-source/register-source.handler';
import { RegisterSourceHttpController } from './register-source/register-source.http.controller';
import { SourceQueriesHttpController } from './source-queries.http.controller';
import { SourceReadModel } from './source-read-model';
import { SourceRegistry } from './source-registry';

@Module({
  controllers: [RegisterSourceHttpController, SourceQueriesHttpController],
  providers: [SourceRegistry, SourceReadModel, ProvenanceCheck, RegisterSourceHandler, GetSourceHandler, ListSourcesHandler],
  exports: [SourceRegistry, ProvenanceCheck],
})
export class SourcesModule {}
