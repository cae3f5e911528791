import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CONFIDENCE_LEVELS, Confidence } from '../../domain/shared/confidence';
import { ConfidenceProperty, IncidentFieldsDto, ProvenanceDto } from '../facts/value-objects.dto';
import { NestedObject } from '../../http/validation/nested-object';
import { IsId } from '../../http/validation/identifier';

export class OpenIncidentRequestDto extends IncidentFieldsDto {
  @ApiProperty({ required: false, description: 'A UUID chosen by the client: posting the same id and body again answers 200' })
  @IsOptional() @IsId()
  incidentId?: string;

  @NestedObject(() => ProvenanceDto)
  source: ProvenanceDto;

  @ConfidenceProperty()
  @IsOptional() @IsIn(CONFIDENCE_LEVELS)
  confidence?: Confidence;
}
