import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param';
import { GetSourceQuery } from './get-source/get-source.query';
import { ListSourcesQuery } from './list-sources/list-sources.query';
import { ListSourcesRequestDto } from './list-sources/list-sources.request.dto';
import { SourceListResponseDto, SourceResponseDto } from './source.response.dto';
import { ApiReadErrors } from '../http/api-errors.decorator';

@ApiTags('sources')
@Controller('sources')
export class SourceQueriesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'List source documents', description: 'Registered sources, newest first, paged with `limit` and `cursor`.' })
  @Get()
  @ApiReadErrors()
  @ApiOkResponse({ type: SourceListResponseDto })
  list(@Query() query: ListSourcesRequestDto): Promise<SourceListResponseDto> {
    return this.queries.execute(new ListSourcesQuery(query.limit ?? 100, query.cursor ?? null));
  }

  @ApiOperation({ summary: 'One source document', description: 'The document\'s metadata and its whole text, as registered.' })
  @Get(':sourceId')
  @ApiReadErrors()
  @ApiOkResponse({ type: SourceResponseDto })
  @ApiNotFoundResponse()
  get(@UuidParam('sourceId') sourceId: string): Promise<SourceResponseDto> {
    return this.queries.execute(new GetSourceQuery(sourceId));
  }
}
