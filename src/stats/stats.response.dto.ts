import { ApiProperty } from '@nestjs/swagger';
import { CASUALTY_DIMENSIONS } from '../projections/casualty-tally/casualty-tally.queries';
import { MATERIEL_DIMENSIONS } from '../projections/materiel-tally/materiel-tally.queries';

const GROUP_KEY = "The group's dimension values joined by '/' in groupBy order; a missing value (no area, no operation) is the empty string.";
const GROUP_BY = 'The value of each dimension grouped by (null where the incidents have none, e.g. no area).';
const AS_OF = 'The record time the tally is as of (UTC), or null for now.';

/** `by`: one nullable string per dimension asked for. */
const valuesOf = (dimensions: readonly string[]) => ({
  type: 'object' as const,
  description: GROUP_BY,
  properties: Object.fromEntries(dimensions.map((d) => [d, { type: 'string' as const, nullable: true }])),
  additionalProperties: false,
  example: { country: 'ML', side: 'hostile' },
});

class CasualtyGroupDto {
  @ApiProperty({ description: GROUP_KEY, example: 'ML/hostile' }) key: string;
  @ApiProperty(valuesOf(CASUALTY_DIMENSIONS)) by: Record<string, string | null>;
  @ApiProperty({ type: 'integer', description: 'Sum of each report\'s low (low ?? best ?? 0)' }) low: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Sum of best over the reports that give one; null when none does' }) best: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Sum of each report\'s high (high ?? best); null when any report gives neither (unbounded)' })
  high: number | null;
  @ApiProperty({ type: 'integer', description: 'Casualty reports in force counted' }) reports: number;
  @ApiProperty({ type: 'integer', description: 'Reports that give no best figure' }) withoutBest: number;
}

export class CasualtyStatsResponseDto {
  @ApiProperty({ enum: CASUALTY_DIMENSIONS, isArray: true, description: 'The dimensions grouped by, in order' }) groupBy: string[];
  @ApiProperty({ type: String, nullable: true, description: AS_OF }) asOf: string | null;
  @ApiProperty({ type: [CasualtyGroupDto], description: 'Ordered by the dimensions (text by code point, missing values last)' }) groups: CasualtyGroupDto[];
}

class MaterielCountDto {
  @ApiProperty({ type: 'integer', description: 'Items counted' }) items: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Sum of the stated quantities; null when items were counted but none states one (0 when no items)' })
  quantity: number | null;
  @ApiProperty({ type: 'integer', description: 'Items whose quantity the source does not state' }) itemsWithoutQuantity: number;
}

class MaterielGroupDto {
  @ApiProperty({ description: GROUP_KEY, example: 'light-weapons/ML' }) key: string;
  @ApiProperty(valuesOf(MATERIEL_DIMENSIONS)) by: Record<string, string | null>;
  @ApiProperty({ type: MaterielCountDto }) seized: MaterielCountDto;
  @ApiProperty({ type: MaterielCountDto }) destroyed: MaterielCountDto;
}

export class MaterielStatsResponseDto {
  @ApiProperty({ enum: MATERIEL_DIMENSIONS, isArray: true, description: 'The dimensions grouped by, in order' }) groupBy: string[];
  @ApiProperty({ type: String, nullable: true, description: AS_OF }) asOf: string | null;
  @ApiProperty({ type: [MaterielGroupDto], description: 'Ordered by the dimensions (text by code point, missing values last)' }) groups: MaterielGroupDto[];
}
