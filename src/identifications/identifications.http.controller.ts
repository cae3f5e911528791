import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { IdentificationListResponseDto } from './identification.response.dto';
import { IdentificationPage, ListIdentificationsQuery } from './list-identifications.query';
import { ListIdentificationsRequestDto } from './list-identifications.request.dto';
import { ApiReadErrors } from '../http/api-errors.decorator';

@ApiTags('identifications')
@Controller('identifications')
export class IdentificationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'Identifications', description: 'Persons (or roles) whose identification is pending, confirmed or refuted, with the incident and the provenance of each step.' })
  @Get()
  @ApiReadErrors()
  @ApiOkResponse({ type: IdentificationListResponseDto })
  list(@Query() query: ListIdentificationsRequestDto): Promise<IdentificationPage> {
    return this.queries.execute(new ListIdentificationsQuery(query.status ?? null, query.limit ?? 100, query.cursor ?? null));
  }
}
