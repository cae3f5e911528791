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
 * True examples: what each export answers for the seed (`npm run seed`; the timestamp is the
 * record time of that run). The seed's communiqué gives no coordinates, so its GeoJSON has no
 * feature: the example is its feature once a correction gives it a point standing for the
 * Gourma area (illustrative coordinates, precision `area`). tests/e2e/export-examples.e2e.spec.ts
 * checks each example against what the server answers.
 */
const EXAMPLES: Record<ExportFormat, unknown> = {
  acled: [
    'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,' +
      'interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,' +
      'fatalities,tags,timestamp',
    '01670a5e-2000-7380-bf4e-20f4d0f8eab8,2018-11-11,2018,1,Political violence,Battles,Armed clash,French forces (Opération Barkhane),,,' +
      'katiba du Gourma,RVIM,2,,,466,,Mali,,,,Gourma,,,2,Ministère des Armées — État-major des armées,,' +
      'Heliborne raid against a terrorist group in the Gourma,7,neutralised,1796221056',
    '',
  ].join('\n'),
  ucdp: [
    'id,date_start,date_end,date_prec,where_prec,where_description,adm_1,latitude,longitude,country,side_a,side_b,deaths_a,deaths_b,' +
      'deaths_civilians,deaths_unknown,low,best,high,source_article,source_headline,source_date,event_clarity',
    '01670a5e-2000-7380-bf4e-20f4d0f8eab8,2018-11-11,2018-11-12,1,4,Gourma,,,,Mali,French forces (Opération Barkhane),katiba du Gourma; RVIM,' +
      '0,7,0,0,7,7,7,"Ministère des Armées — État-major des armées, https://www.defense.gouv.fr/operations/mali/actualites/' +
      'barkhane-la-force-barkhane-met-hors-de-combat-un-groupe-terroriste-au-mali",' +
      'BARKHANE : la force Barkhane met hors de combat un groupe terroriste au Mali.,2018-11-13,1',
    '',
  ].join('\n'),
  geojson: {
    type: 'FeatureCollection',
    features: [{
      type: 'Feature',
      id: '01670a5e-2000-7380-bf4e-20f4d0f8eab8',
      geometry: { type: 'Point', coordinates: [-1.26, 15.3] },
      properties: {
        incidentId: '01670a5e-2000-7380-bf4e-20f4d0f8eab8',
        title: 'Heliborne raid against a terrorist group in the Gourma',
        occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
        operation: 'Barkhane',
        country: 'ML',
        precision: 'area',
        low: 7,
        best: 7,
        high: 7,
      },
    }],
  },
};

/** The `content` of a 200 answer: the media type the route sends, its schema and example. */
export const exportContent = (format: ExportFormat) => ({
  [EXPORT_FORMAT_SPECS[format].mediaType.split(';')[0]]: {
    schema: format === 'geojson' ? FEATURE_COLLECTION : { type: 'string', description: 'CSV (RFC 4180), its first line the header row' },
    example: EXAMPLES[format],
  },
});
