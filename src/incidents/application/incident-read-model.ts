import { Injectable } from '@nestjs/common';
import { IncidentState } from '../../domain/incident/incident-state';
import { LinkView } from '../../domain/incident/incident-view';
import { ReadModelDatabase, SqlParam, SqlRunner } from '../../database/sql-runner';
import { ProjectionEngine } from '../../projections/engine/projection-engine';
import { factRecordOfRow } from '../../projections/incident-details/fact-record-row';
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
    return (await this.states([incidentId]))[0];
  }

  /**
   * The projected state while the read model is current (live, in this code's version), for a
   * writer to start from instead of event 1; undefined otherwise, or when the incident is not in
   * it yet. Every event of an incident is one of its facts: a state with another number of facts
   * than its version is not one the fold made, and is not used.
   */
  async currentState(incidentId: string): Promise<IncidentState | undefined> {
    if (!this.projections.isLive(DETAILS)) return undefined;
    const state = await this.state(incidentId);
    return state && state.facts.length === state.version ? state : undefined;
  }

  /**
   * The states of several incidents (exports read them a page at a time); unknown ids are left
   * out. One statement, so each header and its facts are of the same moment whatever commits
   * meanwhile: the header as row 0 of its incident, then the facts in order.
   * `reader`, as for `list` and `count`: another reader of the same database (an export's snapshot).
   */
  async states(incidentIds: readonly string[], reader: SqlRunner = this.db.reader): Promise<IncidentState[]> {
    if (incidentIds.length === 0) return [];
    const ids = incidentIds.map(() => '?').join(', ');
    const rows = await reader.all<{ incident_id: string; version: number; text: string }>(
      `SELECT incident_id, 0 AS version, header AS text FROM ${this.projections.tableOf(DETAILS, 'incidents')} WHERE incident_id IN (${ids})
       UNION ALL SELECT incident_id, version, record AS text FROM ${this.projections.tableOf(DETAILS, 'incident_facts')} WHERE incident_id IN (${ids})
       ORDER BY incident_id, version`,
      [...incidentIds, ...incidentIds],
    );
    const byId = new Map<string, IncidentState>();
    for (const row of rows) {
      if (Number(row.version) === 0) byId.set(row.incident_id, { ...(JSON.parse(row.text) as Omit<IncidentState, 'facts'>), facts: [] });
      else byId.get(row.incident_id)?.facts.push(factRecordOfRow(row.text));
    }
    return incidentIds.flatMap((id) => byId.get(id) ?? []);
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
  async list(filters: IncidentFilters, reader: SqlRunner = this.db.reader): Promise<IncidentListRow[]> {
    const { where, params } = this.filterSql(filters);
    const rows = await reader.all<{ summary: string; occurred_start: string; incident_id: string }>(
      `SELECT i.summary, i.occurred_start, i.incident_id FROM ${this.projections.tableOf(DETAILS, 'incidents')} i ${where}
       ORDER BY i.occurred_start DESC, i.incident_id DESC LIMIT ?`,
      [...params, filters.limit],
    );
    return rows.map((row) => ({ summary: JSON.parse(row.summary), occurredStart: row.occurred_start, incidentId: row.incident_id }));
  }

  /** How many incidents `list` would page through with these filters (an export's progress). */
  async count(filters: Omit<IncidentFilters, 'limit' | 'after'>, reader: SqlRunner = this.db.reader): Promise<number> {
    const { where, params } = this.filterSql({ ...filters, after: null });
    const row = await reader.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${this.projections.tableOf(DETAILS, 'incidents')} i ${where}`, params);
    return Number(row?.n ?? 0);
  }

  private filterSql(filters: Omit<IncidentFilters, 'limit'>): { where: string; params: SqlParam[] } {
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
      // A row value, so both databases seek the (occurred_start, incident_id) index to the page instead of scanning from the top.
      where('(i.occurred_start, i.incident_id) < (?, ?)', occurredStart, incidentId);
    }
    return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}
