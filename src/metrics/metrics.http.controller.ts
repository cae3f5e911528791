import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Metrics } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Request latency by route and status, appends and events appended, projection lag and status, rebuild progress, and the process (memory, CPU, event loop), in the Prometheus text format.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The metrics in the Prometheus text exposition format',
    schema: { type: 'string', example: '# HELP incident_log_events_appended_total Events committed to the log by this process\n# TYPE incident_log_events_appended_total counter\nincident_log_events_appended_total 12\n' },
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
