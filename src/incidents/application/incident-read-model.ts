import { Injectable } from '@nestjs/common';
import { FactRecord, IncidentState } from '../../domain/incident/incident-state';
import { LinkView } from '../../domain/incident/incident-view';
import { ReadModelDatabase, SqlParam } from '../../database/sql-runner';
import { ProjectionEngine } from '../../projections/engine/projection-engine';
import { actorKeyOf } from '../../projections/shared/comparable-keys';
import { inForceAt } from '../../projections/shared/temporal-rows';

export interface IncidentFilters {
  country: string | null;
  from: string | null;
  to: string | null;
  operation: string | null;
  actor: string | null;
  sourceId: string | null;
  includeWithdrawn: boolean;
  limit: number;
  after: { occurredStart: string; incidentId: string } | null;
}

export interface IncidentListRow {
  summary: unknown;
  occurredStart: string;
  incidentId: string;
}

const DETAILS = 'incident-details';
const LINKS = 'incident-links';

/** Queries over the `incident-details` and `incident-links` projections. */
@Injectable()
export class IncidentReadModel {
  constructor(private readonly db: ReadModelDatabase, private readonly projections: ProjectionEngine) {}

  /** The incident's state as projected: its header and its facts, in order. */
  async state(incidentId: string): Promise<IncidentState | undefined> {
    const header = await this.db.reader.get<{ header: string }>(
      `SELECT header FROM ${this.projections.tableOf(DETAILS, 'incidents')} WHERE incident_id = ?`,
      [incidentId],
    );
    if (!header) return undefined;
    const facts = await this.db.reader.all<{ record: string }>(
      `SELECT record FROM ${this.projections.tableOf(DETAILS, 'incident_facts')} WHERE incident_id = ? ORDER BY version`,
      [incidentId],
    );
    return { ...(JSON.parse(header.header) as Omit<IncidentState, 'facts'>), facts: facts.map((f) => JSON.parse(f.record) as FactRecord) };
  }

  /** Links other incidents record to this one, now or as the log knew them at a record time. */
  async inboundLinks(incidentId: string, asOf: string | null): Promise<LinkView[]> {
    const { where, params } = inForceAt(asOf);
    const rows = await this.db.reader.all<{ incident_id: string; relation: LinkView['relation']; note: string | null; event_id: string }>(
      `SELECT incident_id, relation, note, event_id FROM ${this.projections.tableOf(LINKS, 'link_rows')}
       WHERE linked_incident_id = ? AND ${where} ORDER BY valid_from, event_id`,
      [incidentId, ...params],
    );
    return rows.map((row) => ({ incidentId: row.incident_id, relation: row.relation, note: row.note, eventId: row.event_id, direction: 'inbound' }));
  }

  /** Newest first by when it happened; `from`/`to` keep incidents whose time span overlaps them. */
  async list(filters: IncidentFilters): Promise<IncidentListRow[]> {
    const table = (name: string) => this.projections.tableOf(DETAILS, name);
    const conditions: string[] = [];
    const params: SqlParam[] = [];
    const where = (condition: string, ...values: SqlParam[]) => {
      conditions.push(condition);
      params.push(...values);
    };
    if (!filters.includeWithdrawn) where('i.withdrawn = 0');
    if (filters.country) where('i.country = ?', filters.country);
    if (filters.from) where('i.occurred_end >= ?', filters.from);
    if (filters.to) where('i.occurred_start <= ?', filters.to);
    if (filters.operation) where('LOWER(i.operation) = LOWER(?)', filters.operation);
    if (filters.actor) {
      where(`EXISTS (SELECT 1 FROM ${table('incident_actors')} a WHERE a.incident_id = i.incident_id AND a.actor_key = ?)`, actorKeyOf(filters.actor));
    }
    if (filters.sourceId) {
      where(`EXISTS (SELECT 1 FROM ${table('incident_sources')} s WHERE s.incident_id = i.incident_id AND s.source_id = ?)`, filters.sourceId);
    }
    if (filters.after) {
      const { occurredStart, incidentId } = filters.after;
      where('(i.occurred_start < ? OR (i.occurred_start = ? AND i.incident_id < ?))', occurredStart, occurredStart, incidentId);
    }
    const rows = await this.db.reader.all<{ summary: string; occurred_start: string; incident_id: string }>(
      `SELECT i.summary, i.occurred_start, i.incident_id FROM ${table('incidents')} i
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY i.occurred_start DESC, i.incident_id DESC LIMIT ?`,
      [...params, filters.limit],
    );
    return rows.map((row) => ({ summary: JSON.parse(row.summary), occurredStart: row.occurred_start, incidentId: row.incident_id }));
  }
}
