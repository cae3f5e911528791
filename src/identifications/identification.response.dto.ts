import { ApiProperty } from '@nestjs/swagger';
import { IdentificationViewDto } from '../incidents/incident.response.dto';
import { LocationDto, TimeSpanDto } from '../incidents/facts/value-objects.dto';

class IdentificationItemDto extends IdentificationViewDto {
  incidentId: string;
  incidentTitle: string;
  occurred: TimeSpanDto;
  location: LocationDto;
}

export class IdentificationListResponseDto {
  items: IdentificationItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
