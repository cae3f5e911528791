import { ApiProperty } from '@nestjs/swagger';
import { IdentificationViewDto, LocationViewDto } from '../incidents/incident.response.dto';
import { TimeSpanDto } from '../incidents/facts/value-objects.dto';

class IdentificationItemDto extends IdentificationViewDto {
  incidentId: string;
  incidentTitle: string;
  occurred: TimeSpanDto;
  location: LocationViewDto;
}

export class IdentificationListResponseDto {
  items: IdentificationItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
