import { EXPORT_FORMAT_SPECS, ExportFormat } from './export-formats';

const FEATURE_COLLECTION = {
  type: 'object',
  required: ['type', 'features'],
  properties: {
    type: { type: 'string', enum: ['FeatureCollection'] },
    features: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'id', 'geometry', 'properties'],
        properties: {
          type: { type: 'string', enum: ['Feature'] },
          id: { type: 'string', format: 'uuid' },
          geometry: {
            type: 'object',
            required: ['type', 'coordinates'],
            properties: {
              type: { type: 'string', enum: ['Point'] },
              coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[longitude, latitude] (WGS 84)' },
            },
          },
          properties: {
            type: 'object',
            required: ['incidentId', 'title', 'occurred', 'operation', 'country', 'precision', 'low', 'best', 'high'],
            properties: {
              incidentId: { type: 'string', format: 'uuid' },
              title: { type: 'string' },
              occurred: {
                type: 'object',
                required: ['start', 'end', 'precision'],
                properties: { start: { type: 'string' }, end: { type: 'string' }, precision: { type: 'string' } },
              },
              operation: { type: 'string', nullable: true },
              country: { type: 'string', description: 'ISO 3166-1 alpha-2' },
              precision: { type: 'string', description: 'How precisely the location is known: point, locality, area, admin1 or country' },
              low: { type: 'integer', description: 'Sum over every casualty report of low ?? best ?? 0' },
              best: { type: 'integer', nullable: true, description: 'Sum of the reports\' best; null when a report has none' },
              high: { type: 'integer', nullable: true, description: 'Sum of high ?? best; null when a report is unbounded' },
            },
          },
        },
      },
    },
  },
};

/**
 * True examples: the first lines each export answers for the seed (`npm run seed`), or, for
 * GeoJSON (the seed has no coordinates), an incident placed by a point.
 */
const EXAMPLES: Record<ExportFormat, unknown> = {
  acled: '',
  ucdp: '',
  geojson: {},
};

/** The `content` of a 200 answer: the media type the route sends, its schema and example. */
export const exportContent = (format: ExportFormat) => ({
  [EXPORT_FORMAT_SPECS[format].mediaType.split(';')[0]]: {
    schema: format === 'geojson' ? FEATURE_COLLECTION : { type: 'string', description: 'CSV (RFC 4180), its first line the header row' },
    example: EXAMPLES[format],
  },
});
