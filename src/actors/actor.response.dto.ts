import { ApiProperty } from '@nestjs/swagger';
import { ACTOR_KINDS, ACTOR_SIDES } from '../domain/incident/incident-events';

class ActorEntryDto {
  name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: string;
  @ApiProperty({ enum: ACTOR_SIDES }) side: string;
  @ApiProperty({ nullable: true, type: String }) parent: string | null;
  @ApiProperty({ nullable: true, type: Number }) founded: number | null;
  @ApiProperty({ type: [String], description: 'Other names it goes by, in any incident' }) aliases: string[];
  @ApiProperty({ description: 'How many incidents name this actor' }) incidents: number;
}

export class ActorDirectoryResponseDto {
  items: ActorEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
