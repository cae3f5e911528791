import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiReadErrors } from '../http/api-errors.decorator';
import { exportContent } from './export-openapi';
import { EXPORT_FORMAT_SPECS, ExportFormat } from './export-formats';
import { ExportRequestDto, exportFiltersOf } from './export-request.dto';
import { ExportedIncidents } from './exported-incidents';

const FILTERS = 'Takes the filters of GET /incidents (AND-combined) and asOf; answers every incident they keep, newest first, streamed with no paging.';

/** The answer's media type and a true example (its first lines, from the seed): the document declares what the route sends. */
const exportResponse = (format: ExportFormat, description: string) =>
  ApiOkResponse({
    description,
    content: exportContent(format),
    headers: { 'Content-Disposition': { description: `attachment; filename="${EXPORT_FORMAT_SPECS[format].fileName}"`, schema: { type: 'string' } } },
  });

@ApiTags('exports')
@Controller('exports')
export class ExportsHttpController {
  constructor(private readonly incidents: ExportedIncidents) {}

  @Get('acled.csv')
  @ApiOperation({
    summary: 'The incidents as an ACLED-shaped CSV',
    description: `${FILTERS} One row per incident, ACLED's columns. fatalities sums best (else low) of the killed and neutralised reports, ` +
      'empty when a report gives neither; tags adds fatalities_uncertain when a count has no best and neutralised when that word was ' +
      'counted as a death. What we do not know is an empty cell, never 0 (see the README, "Exports").',
  })
  @exportResponse('acled', 'CSV (RFC 4180) with the header row of API.md')
  @ApiReadErrors()
  acled(@Query() query: ExportRequestDto): StreamableFile {
    return this.stream('acled', query);
  }

  @Get('ucdp.csv')
  @ApiOperation({
    summary: 'The incidents as a UCDP-GED-shaped CSV',
    description: `${FILTERS} One row per incident, UCDP GED's columns: deaths by side and low/best/high of the killed and neutralised ` +
      'reports (best empty when one of them has none), date_prec 1–5 and where_prec 1–7 from our precisions.',
  })
  @exportResponse('ucdp', 'CSV (RFC 4180) with the header row of API.md')
  @ApiReadErrors()
  ucdp(@Query() query: ExportRequestDto): StreamableFile {
    return this.stream('ucdp', query);
  }

  @Get('incidents.geojson')
  @ApiOperation({
    summary: 'The incidents with coordinates as a GeoJSON FeatureCollection',
    description: `${FILTERS} One Point feature ([longitude, latitude]) per incident that has coordinates; incidents placed only by a name ` +
      'or a country are left out. Properties: incidentId, title, occurred, operation, country, precision and the casualty totals low/best/high.',
  })
  @exportResponse('geojson', "A GeoJSON (RFC 7946) FeatureCollection. The example is the seed's incident once a correction gives it coordinates (illustrative: its communiqué gives none)")
  @ApiReadErrors()
  geojson(@Query() query: ExportRequestDto): StreamableFile {
    return this.stream('geojson', query);
  }

  private stream(format: ExportFormat, query: ExportRequestDto): StreamableFile {
    const spec = EXPORT_FORMAT_SPECS[format];
    return new StreamableFile(spec.write(this.incidents.read(exportFiltersOf(query))), {
      type: spec.mediaType,
      disposition: `attachment; filename="${spec.fileName}"`,
    });
  }
}
