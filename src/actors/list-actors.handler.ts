import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelDatabase } from '../database/sql-runner';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { ActorDirectory, ListActorsQuery } from './list-actors.query';

interface MentionRow {
  actor_key: string;
  name: string;
  kind: string;
  side: string;
  parent: string | null;
  founded: number | null;
  incident_id: string;
}

/** One entry per actor (names compared without case); its details come from the incident that named it last. */
@QueryHandler(ListActorsQuery)
export class ListActorsHandler implements IQueryHandler<ListActorsQuery> {
  constructor(private readonly db: ReadModelDatabase, private readonly projections: ProjectionEngine) {}

  async execute(): Promise<ActorDirectory> {
    const rows = await this.db.reader.all<MentionRow>(
      `SELECT actor_key, name, kind, side, parent, founded, incident_id FROM ${this.projections.tableOf('actor-directory', 'actor_mentions')}
       ORDER BY actor_key, last_recorded_at, incident_id`,
    );
    const entries = new Map<string, ActorDirectory['items'][number]>();
    for (const row of rows) {
      const count = (entries.get(row.actor_key)?.incidents ?? 0) + 1;
      entries.set(row.actor_key, {
        name: row.name, kind: row.kind, side: row.side, parent: row.parent,
        founded: row.founded === null ? null : Number(row.founded), incidents: count,
      });
    }
    return { items: [...entries.values()] };
  }
}
