import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelDatabase, SqlParam } from '../database/sql-runner';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { actorKeyOf } from '../projections/shared/comparable-keys';
import { ActorDirectory, ActorEntry, ListActorsQuery } from './list-actors.query';

interface MentionRow {
  incident_id: string;
  actor_key: string;
  name: string;
  kind: string;
  side: string;
  parent: string | null;
  founded: number | null;
  aliases: string;
}

const PROJECTION = 'actor-directory';

/** The cursor is the key of the last actor shown: pages follow the order by key exactly. */
const encodeActorCursor = (actorKey: string): string => Buffer.from(actorKey, 'utf8').toString('base64url');
const decodeActorCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

/**
 * One entry per actor (names compared without case): its details from the fact that named it
 * last, its aliases from every fact, the number of incidents naming it. `name` matches a name or an alias.
 */
@QueryHandler(ListActorsQuery)
export class ListActorsHandler implements IQueryHandler<ListActorsQuery> {
  constructor(private readonly db: ReadModelDatabase, private readonly projections: ProjectionEngine) {}

  async execute({ name, limit, cursor }: ListActorsQuery): Promise<ActorDirectory> {
    const mentions = this.projections.tableOf(PROJECTION, 'actor_mentions');
    const names = this.projections.tableOf(PROJECTION, 'actor_names');
    const conditions: string[] = [];
    const params: SqlParam[] = [];
    if (name !== null) {
      conditions.push(`actor_key IN (SELECT actor_key FROM ${names} WHERE name_key = ?)`);
      params.push(actorKeyOf(name));
    }
    // The page's actors first, then all their mentions.
    const keys = await this.db.reader.all<{ actor_key: string }>(
      `SELECT DISTINCT actor_key FROM ${mentions} WHERE actor_key > ?${conditions.map((c) => ` AND ${c}`).join('')}
       ORDER BY actor_key LIMIT ?`,
      [cursor === null ? '' : decodeActorCursor(cursor), ...params, limit + 1],
    );
    const page = keys.slice(0, limit).map((k) => k.actor_key);
    if (page.length === 0) return { items: [], nextCursor: null };
    const rows = await this.db.reader.all<MentionRow>(
      `SELECT incident_id, actor_key, name, kind, side, parent, founded, aliases FROM ${mentions}
       WHERE actor_key IN (${page.map(() => '?').join(', ')}) ORDER BY actor_key, recorded_at, incident_id, version`,
      page,
    );
    const entries = new Map<string, ActorEntry>();
    const incidents = new Map<string, Set<string>>();
    for (const row of rows) {
      const earlier = entries.get(row.actor_key);
      const aliases = new Set([...(earlier?.aliases ?? []), ...(JSON.parse(row.aliases) as string[])]);
      const named = incidents.get(row.actor_key) ?? new Set<string>();
      named.add(row.incident_id);
      incidents.set(row.actor_key, named);
      entries.set(row.actor_key, {
        name: row.name, kind: row.kind, side: row.side, parent: row.parent, founded: row.founded === null ? null : Number(row.founded),
        aliases: [...aliases].sort(), incidents: named.size,
      });
    }
    return { items: page.map((key) => entries.get(key)!), nextCursor: keys.length > limit ? encodeActorCursor(page.at(-1)!) : null };
  }
}
