import { ApiProperty } from '@nestjs/swagger';
import { CASUALTY_GROUPINGS, MATERIEL_GROUPINGS } from './stats-read-model';

class CasualtyGroupDto {
  @ApiProperty({ nullable: true, type: String }) key: string | null;
  @ApiProperty({ description: 'Sum of low estimates (best where no low was given)' }) low: number;
  best: number;
  @ApiProperty({ description: 'Sum of high estimates (best where no high was given)' }) high: number;
  @ApiProperty({ description: 'Casualty reports in force counted' }) reports: number;
}

export class CasualtyStatsResponseDto {
  @ApiProperty({ enum: CASUALTY_GROUPINGS }) groupBy: string;
  @ApiProperty({ nullable: true, type: String }) asOf: string | null;
  groups: CasualtyGroupDto[];
}

class MaterielCountDto {
  items: number;
  @ApiProperty({ description: 'Sum of the quantities given (items without one count 0)' }) quantity: number;
}

class MaterielGroupDto {
  key: string;
  seized: MaterielCountDto;
  destroyed: MaterielCountDto;
}

export class MaterielStatsResponseDto {
  @ApiProperty({ enum: MATERIEL_GROUPINGS }) groupBy: string;
  @ApiProperty({ nullable: true, type: String }) asOf: string | null;
  groups: MaterielGroupDto[];
}
