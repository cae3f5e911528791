import { Injectable } from '@nestjs/common';
import { SourceRegisteredData } from '../domain/source/source-events';
import { ReadModelDatabase } from '../database/sql-runner';
import { ProjectionEngine } from '../projections/engine/projection-engine';

/** A source as registered, with when and by whom. */
export type SourceDocument = SourceRegisteredData & { createdAt: string; recordedBy: string };
export type SourceSummary = Omit<SourceDocument, 'text'>;

interface SourceRow {
  source_id: string;
  sha256: string;
  publisher: string;
  title: string;
  published_at: string | null;
  language: string;
  url: string | null;
  text?: string;
  created_at: string;
  recorded_by: string;
}

const SUMMARY_COLUMNS = 'source_id, sha256, publisher, title, published_at, language, url, created_at, recorded_by';

const toSummary = (row: SourceRow): SourceSummary => ({
  sourceId: row.source_id,
  sha256: row.sha256,
  publisher: row.publisher,
  title: row.title,
  publishedAt: row.published_at,
  language: row.language,
  url: row.url,
  createdAt: row.created_at,
  recordedBy: row.recorded_by,
});

/** Queries over the `sources` projection. */
@Injectable()
export class SourceReadModel {
  constructor(private readonly db: ReadModelDatabase, private readonly projections: ProjectionEngine) {}

  private get table(): string {
    return this.projections.tableOf('sources', 'sources');
  }

  async find(sourceId: string): Promise<SourceDocument | undefined> {
    const row = await this.db.reader.get<SourceRow>(`SELECT ${SUMMARY_COLUMNS}, text FROM ${this.table} WHERE source_id = ?`, [sourceId]);
    return row ? { ...toSummary(row), text: row.text! } : undefined;
  }

  async list(limit: number, after: string | null): Promise<SourceSummary[]> {
    const rows = await this.db.reader.all<SourceRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${this.table} WHERE source_id > ? ORDER BY source_id LIMIT ?`,
      [after ?? '', limit],
    );
    return rows.map(toSummary);
  }

  /** The summaries of several sources in one statement, without their texts; unknown ids are left out. */
  async summaries(sourceIds: readonly string[]): Promise<SourceSummary[]> {
    if (sourceIds.length === 0) return [];
    const rows = await this.db.reader.all<SourceRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${this.table} WHERE source_id IN (${sourceIds.map(() => '?').join(', ')})`,
      sourceIds,
    );
    return rows.map(toSummary);
  }

  async texts(sourceIds: readonly string[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const sourceId of new Set(sourceIds)) {
      const row = await this.db.reader.get<{ text: string }>(`SELECT text FROM ${this.table} WHERE source_id = ?`, [sourceId]);
      if (row) texts.set(sourceId, row.text);
    }
    return texts;
  }
}
