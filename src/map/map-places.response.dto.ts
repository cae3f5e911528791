import { ApiProperty } from '@nestjs/swagger';

export class MapIncidentDto {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() title: string;
}

/** Incidents on one spot: at the same coordinates, or placed only by the same country (no coordinates). */
export class MapPlaceDto {
  @ApiProperty({ example: 'ML', description: 'ISO 3166-1 alpha-2' }) country: string;
  @ApiProperty({ nullable: true, type: Number, description: 'WGS 84; null when the incidents are placed only by their country' }) latitude: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'WGS 84; null when the incidents are placed only by their country' }) longitude: number | null;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'How many incidents matching the filters are here' }) count: number;
  @ApiProperty({ type: [MapIncidentDto], description: 'The newest of them by when they happened, at most 10' }) incidents: MapIncidentDto[];
}

export class MapPlacesResponseDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Every incident matching the filters' }) total: number;
  @ApiProperty({ type: [MapPlaceDto], description: 'Where they are, newest place first' }) places: MapPlaceDto[];
}
