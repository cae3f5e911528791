import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListFiltersDto, listFiltersOf } from '../exports/list-filters.dto';
import { ApiReadErrors } from '../http/api-errors.decorator';
import { LISTED_PER_PLACE, MapPlaces } from './map-places';
import { MapPlacesResponseDto } from './map-places.response.dto';

@ApiTags('map')
@Controller('map')
export class MapPlacesHttpController {
  constructor(private readonly places: MapPlaces) {}

  @Get('places')
  @ApiOperation({
    summary: 'Where every incident matching the filters is, for a map',
    description:
      'Takes the filters of GET /incidents (AND-combined), without paging: every incident they keep, grouped by place. An incident with ' +
      'coordinates is at them; one without is counted at its country (the client decides where to draw a country). Each place names ' +
      `its newest ${LISTED_PER_PLACE} incidents and counts them all.`,
  })
  @ApiOkResponse({ type: MapPlacesResponseDto, description: 'The places, newest first by when their newest incident happened' })
  @ApiReadErrors()
  list(@Query() query: ListFiltersDto): Promise<MapPlacesResponseDto> {
    return this.places.of(listFiltersOf(query));
  }
}
