import { ApiProperty } from '@nestjs/swagger';

class RebuildProgressDto {
  checkpoint: number;
  headPosition: number;
  percent: number;
  eventsPerSecond: number;
  @ApiProperty({ nullable: true, type: Number }) etaSeconds: number | null;
}

export class ProjectionStatusDto {
  name: string;
  version: number;
  checkpoint: number;
  headPosition: number;
  lag: number;
  @ApiProperty({ enum: ['live', 'rebuilding', 'failed'] }) status: string;
  @ApiProperty({ required: false }) progress?: RebuildProgressDto;
  @ApiProperty({ required: false, description: 'Why it failed' }) error?: string;
  @ApiProperty({ required: false, description: 'The event it failed on' }) failedPosition?: number;
}

export class RebuildStartedDto {
  name: string;
  @ApiProperty({ enum: ['rebuilding'] }) status: 'rebuilding';
}
