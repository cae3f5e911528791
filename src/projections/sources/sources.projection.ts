import { SOURCE_REGISTERED, SourceRegisteredData } from '../../domain/source/source-events';
import { StoredEvent } from '../../event-store/event-store.port';
import { Projection, ProjectionContext } from '../engine/projection';

/** The source documents, findable by id and by the SHA-256 of their text. */
export class SourcesProjection implements Projection {
  readonly name = 'sources';
  readonly version = 1;
  readonly handles = [SOURCE_REGISTERED];
  readonly tables = {
    sources: {
      columns: `source_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, publisher TEXT NOT NULL, title TEXT NOT NULL,
        published_at TEXT, language TEXT NOT NULL, url TEXT, text TEXT NOT NULL, created_at TEXT NOT NULL, recorded_by TEXT NOT NULL`,
      indexes: ['created_at, source_id'],
    },
  };

  async apply(context: ProjectionContext, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      const source = event.data as SourceRegisteredData;
      await context.sql.run(
        `INSERT INTO ${context.table('sources')} (source_id, sha256, publisher, title, published_at, language, url, text, created_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO NOTHING`,
        [source.sourceId, source.sha256, source.publisher, source.title, source.publishedAt, source.language, source.url, source.text,
          event.recordedAt, event.recordedBy],
      );
    }
  }
}
