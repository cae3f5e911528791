/** A source document registered once, by the SHA-256 of its text. */
export interface SourceRegisteredData {
  sourceId: string;
  sha256: string;
  publisher: string;
  title: string;
  publishedAt: string | null;
  language: string;
  url: string | null;
  text: string;
}

export const SOURCE_REGISTERED = 'SourceRegistered';
export const SOURCE_EVENT_SCHEMA_VERSION = 1;

/** One stream per distinct text, so two registrations of the same text cannot both succeed. */
export const SOURCE_STREAM_PREFIX = 'source-';
export const sourceStreamId = (sha256: string): string => `${SOURCE_STREAM_PREFIX}${sha256}`;
