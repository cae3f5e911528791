import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Transform, plainToInstance } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { FACT_TYPES, FactType } from '../../domain/incident/incident-events';
import { CONFIDENCE_LEVELS, Confidence } from '../../domain/shared/confidence';
import { FACT_DATA_SCHEMAS } from './fact-data-schemas';
import { ConfidenceProperty, ImportedProvenanceDto, ProvenanceDto } from './value-objects.dto';
import { NestedObject } from '../../http/validation/nested-object';
import { IsId } from '../../http/validation/identifier';

const isFactType = (type: unknown): type is FactType => (FACT_TYPES as readonly unknown[]).includes(type);

/** `data` is validated with the schema its event's `type` names. */
const dataOfItsType = () =>
  Transform(({ value, obj }) =>
    isFactType((obj as { type?: unknown }).type) && typeof value === 'object' && value !== null && !Array.isArray(value)
      ? plainToInstance(FACT_DATA_SCHEMAS[(obj as { type: FactType }).type], value)
      : value,
  );

const dataSchemas = [...new Set(FACT_TYPES.map((t) => FACT_DATA_SCHEMAS[t]))];

/** What every recorded event states, whatever its provenance's form. */
@ApiExtraModels(...dataSchemas)
abstract class EventFieldsDto {
  @ApiProperty({ enum: FACT_TYPES })
  @IsIn(FACT_TYPES)
  type: FactType;

  @ApiProperty({ required: false, description: 'A UUID chosen by the client; stored once (idempotent).' })
  @IsOptional() @IsId()
  eventId?: string;

  @ApiProperty({ oneOf: dataSchemas.map((schema) => ({ $ref: getSchemaPath(schema) })), description: 'Shape chosen by `type`' })
  @ValidateIf((event: EventFieldsDto) => isFactType(event.type))
  @IsObject() @ValidateNested() @dataOfItsType()
  data: object;

  @ConfidenceProperty()
  @IsOptional() @IsIn(CONFIDENCE_LEVELS)
  confidence?: Confidence;
}

export class IncidentEventDto extends EventFieldsDto {
  @NestedObject(() => ProvenanceDto)
  source: ProvenanceDto;
}

/** An event inside an import, whose source defaults to the imported document. */
export class ImportedIncidentEventDto extends EventFieldsDto {
  @NestedObject(() => ImportedProvenanceDto)
  source: ImportedProvenanceDto;
}
