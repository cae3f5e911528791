import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { EventStore } from '../event-store/event-store.port';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: ['sqlite', 'postgres', 'kurrentdb'] }) store: string;
  headPosition: number;
}

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(private readonly store: EventStore) {}

  @Get()
  @ApiOkResponse({ type: HealthResponseDto })
  async health(): Promise<HealthResponseDto> {
    return { status: 'ok', store: this.store.kind, headPosition: await this.store.headPosition() };
  }
}
