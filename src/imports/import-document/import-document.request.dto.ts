import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { CONFIDENCE_LEVELS, Confidence } from '../../domain/shared/confidence';
import { ImportedIncidentEventDto } from '../../incidents/facts/incident-event.request.dto';
import { MAX_EVENTS_PER_REQUEST } from '../../incidents/record-incident-events/record-incident-events.request.dto';
import { ConfidenceProperty, ImportedProvenanceDto, IncidentFieldsDto } from '../../incidents/facts/value-objects.dto';
import { RegisterSourceRequestDto } from '../../sources/register-source/register-source.request.dto';
import { NestedObject, NestedObjects } from '../../http/validation/nested-object';
import { IsId } from '../../http/validation/identifier';

export class ImportedOpeningDto extends IncidentFieldsDto {
  @NestedObject(() => ImportedProvenanceDto)
  source: ImportedProvenanceDto;

  @ConfidenceProperty()
  @IsOptional() @IsIn(CONFIDENCE_LEVELS)
  confidence?: Confidence;
}

export class ImportedIncidentDto {
  @ApiProperty({ required: false, description: 'Without it, an id derived from the document and the position, so a re-import finds it' })
  @IsOptional() @IsId()
  incidentId?: string;

  @NestedObject(() => ImportedOpeningDto)
  open: ImportedOpeningDto;

  @ArrayMaxSize(MAX_EVENTS_PER_REQUEST) @NestedObjects(() => ImportedIncidentEventDto)
  events: ImportedIncidentEventDto[];
}

export class ImportDocumentRequestDto {
  @NestedObject(() => RegisterSourceRequestDto)
  source: RegisterSourceRequestDto;

  @ArrayMaxSize(1000) @NestedObjects(() => ImportedIncidentDto)
  incidents: ImportedIncidentDto[];
}

export class ImportedIncidentResultDto {
  incidentId: string;
  version: number;
  @ApiProperty({ description: 'Events this import stored in the incident (0 when all were there)' })
  appendedCount: number;
}

export class ImportDocumentResponseDto {
  sourceId: string;
  @ApiProperty({ description: 'Whether the source document was new' })
  sourceCreated: boolean;
  incidents: ImportedIncidentResultDto[];
}
