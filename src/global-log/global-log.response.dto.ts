import { ApiProperty } from '@nestjs/swagger';
import { ProvenanceDto } from '../incidents/facts/value-objects.dto';

export class EventEnvelopeDto {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  recordedAt: string;
  recordedBy: string;
  @ApiProperty({ type: ProvenanceDto, nullable: true }) source: ProvenanceDto | null;
  @ApiProperty({ nullable: true, type: String }) confidence: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: unknown;
  @ApiProperty({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({ nullable: true, type: String }) causationId: string | null;
}

export class GlobalLogResponseDto {
  events: EventEnvelopeDto[];
  @ApiProperty({ description: 'The position to pass as `after` for the next page' }) lastPosition: number;
}
