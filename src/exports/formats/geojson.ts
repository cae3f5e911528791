import { IncidentView } from '../../domain/incident/incident-view';
import { totalsOf } from './casualty-figures';

/** A GeoJSON Point feature (RFC 7946): coordinates are [longitude, latitude]. */
export interface IncidentFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    incidentId: string;
    title: string;
    occurred: IncidentView['occurred'];
    operation: string | null;
    country: string;
    precision: IncidentView['location']['precision'];
    low: number;
    best: number | null;
    high: number | null;
  };
}

/** The incident as a feature, or null when it has no coordinates (placed only by a name or a country). */
export function incidentFeature(view: IncidentView): IncidentFeature | null {
  const { latitude, longitude } = view.location;
  if (latitude === null || longitude === null) return null;
  return {
    type: 'Feature',
    id: view.incidentId,
    geometry: { type: 'Point', coordinates: [longitude, latitude] },
    properties: {
      incidentId: view.incidentId,
      title: view.title,
      occurred: view.occurred,
      operation: view.operation,
      country: view.location.country,
      precision: view.location.precision,
      ...totalsOf(view.casualties),
    },
  };
}
