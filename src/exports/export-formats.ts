import { stringify } from 'csv-stringify';
import { Readable, pipeline } from 'node:stream';
import { ACLED_COLUMNS, acledRow } from './formats/acled';
import { ExportedIncident } from './formats/exported-incident';
import { incidentFeature } from './formats/geojson';
import { UCDP_COLUMNS, ucdpRow } from './formats/ucdp';

export const EXPORT_FORMATS = ['acled', 'ucdp', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How one format is served and written: the HTTP route and the CLI share it, so both write the same bytes. */
export interface ExportFormatSpec {
  fileName: string;
  mediaType: string;
  write(incidents: AsyncIterable<ExportedIncident>): Readable;
}

async function* mapped<T>(incidents: AsyncIterable<ExportedIncident>, toRecord: (incident: ExportedIncident) => T | null): AsyncGenerator<T> {
  for await (const incident of incidents) {
    const record = toRecord(incident);
    if (record !== null) yield record;
  }
}

/**
 * Rows through csv-stringify's stream: the header row first (even with no row), quoting as
 * RFC 4180 does, null as an empty cell. Reading pauses while the reader of the text lags
 * behind (back-pressure), so memory holds a page of incidents at most.
 */
function csv<Row>(columns: readonly string[], toRow: (incident: ExportedIncident) => Row) {
  return (incidents: AsyncIterable<ExportedIncident>): Readable =>
    // A failure while reading is passed on to the returned stream (which ends the answer): nothing more to do here.
    pipeline(Readable.from(mapped(incidents, toRow)), stringify({ header: true, columns: [...columns] }), () => {});
}

/** A FeatureCollection written feature by feature: JSON.stringify of each, in an array opened first and closed last. */
async function* featureCollection(incidents: AsyncIterable<ExportedIncident>): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const feature of mapped(incidents, ({ view }) => incidentFeature(view))) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(feature)}`;
    first = false;
  }
  yield '\n]}\n';
}

export const EXPORT_FORMAT_SPECS: Record<ExportFormat, ExportFormatSpec> = {
  acled: { fileName: 'acled.csv', mediaType: 'text/csv; charset=utf-8', write: csv(ACLED_COLUMNS, acledRow) },
  ucdp: { fileName: 'ucdp.csv', mediaType: 'text/csv; charset=utf-8', write: csv(UCDP_COLUMNS, ucdpRow) },
  geojson: { fileName: 'incidents.geojson', mediaType: 'application/geo+json', write: (incidents) => Readable.from(featureCollection(incidents)) },
};
