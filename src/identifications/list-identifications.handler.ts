import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelDatabase, SqlParam } from '../database/sql-runner';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { IdentificationPage, ListIdentificationsQuery } from './list-identifications.query';

/** Ordered by identification id, which pages stably (server-made ids are UUID v7, so mostly oldest first). */
@QueryHandler(ListIdentificationsQuery)
export class ListIdentificationsHandler implements IQueryHandler<ListIdentificationsQuery> {
  constructor(private readonly db: ReadModelDatabase, private readonly projections: ProjectionEngine) {}

  async execute({ status, limit, cursor }: ListIdentificationsQuery): Promise<IdentificationPage> {
    const conditions = ['identification_id > ?'];
    const params: SqlParam[] = [cursor ?? ''];
    if (status) {
      conditions.push('status = ?');
      params.push(status);
    }
    const rows = await this.db.reader.all<{ identification_id: string; item: string }>(
      `SELECT identification_id, item FROM ${this.projections.tableOf('identifications', 'identifications')}
       WHERE ${conditions.join(' AND ')} ORDER BY identification_id LIMIT ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { items: page.map((r) => JSON.parse(r.item)), nextCursor: rows.length > limit ? page.at(-1)!.identification_id : null };
  }
}
