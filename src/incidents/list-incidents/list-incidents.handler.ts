import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IncidentReadModel } from '../application/incident-read-model';
import { encodeCursor } from './incident-cursor';
import { IncidentPage, ListIncidentsQuery } from './list-incidents.query';

@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(private readonly readModel: IncidentReadModel) {}

  async execute({ filters }: ListIncidentsQuery): Promise<IncidentPage> {
    const rows = await this.readModel.list({ ...filters, limit: filters.limit + 1 });
    const page = rows.slice(0, filters.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => row.summary),
      nextCursor: rows.length > filters.limit && last ? encodeCursor(last) : null,
    };
  }
}
