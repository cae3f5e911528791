import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import { EventStore } from '../event-store/event-store.port';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: ['sqlite', 'postgres', 'kurrentdb'] }) store: string;
  @ApiProperty({ description: 'Global position of the last event in the log (0 when empty)', example: 1042 }) headPosition: number;
}

export class HealthQuery extends Query<HealthResponseDto> {}

@QueryHandler(HealthQuery)
export class HealthHandler implements IQueryHandler<HealthQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(): Promise<HealthResponseDto> {
    return { status: 'ok', store: this.store.kind, headPosition: await this.store.headPosition() };
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'Is the service up', description: 'Answers 200 with the store in use and the head of the log once the store answers; needs no key.' })
  @Get()
  @ApiOkResponse({ type: HealthResponseDto })
  health(): Promise<HealthResponseDto> {
    return this.queries.execute(new HealthQuery());
  }
}
