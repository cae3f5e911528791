import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../database/sql-runner';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { inForceAt } from '../projections/shared/temporal-rows';

export const CASUALTY_GROUPINGS = ['country', 'area', 'month', 'side'] as const;
export type CasualtyGrouping = (typeof CASUALTY_GROUPINGS)[number];
export const MATERIEL_GROUPINGS = ['category', 'country'] as const;
export type MaterielGrouping = (typeof MATERIEL_GROUPINGS)[number];

export interface CasualtyGroup {
  key: string | null;
  low: number;
  best: number;
  high: number;
  reports: number;
}

export interface MaterielCount {
  items: number;
  quantity: number;
}

export interface MaterielGroup {
  key: string;
  seized: MaterielCount;
  destroyed: MaterielCount;
}

/** Tallies over the rows in force now, or at a past record time (`asOf`). */
@Injectable()
export class StatsReadModel {
  constructor(private readonly db: ReadModelDatabase, private readonly projections: ProjectionEngine) {}

  async casualties(groupBy: CasualtyGrouping, asOf: string | null, status: string | null): Promise<CasualtyGroup[]> {
    const { where, params } = inForceAt(asOf);
    const rows = await this.db.reader.all<{ key: string | null; low: number; best: number; high: number; reports: number }>(
      `SELECT ${groupBy} AS key, SUM(low) AS low, SUM(best) AS best, SUM(high) AS high, COUNT(*) AS reports
       FROM ${this.projections.tableOf('casualty-tally', 'casualty_rows')}
       WHERE ${where}${status ? ' AND status = ?' : ''} GROUP BY ${groupBy} ORDER BY ${groupBy}`,
      status ? [...params, status] : params,
    );
    return rows.map((r) => ({ key: r.key, low: Number(r.low), best: Number(r.best), high: Number(r.high), reports: Number(r.reports) }));
  }

  async materiel(groupBy: MaterielGrouping, asOf: string | null): Promise<MaterielGroup[]> {
    const { where, params } = inForceAt(asOf);
    const rows = await this.db.reader.all<{ key: string; action: 'seized' | 'destroyed'; items: number; quantity: number | null }>(
      `SELECT ${groupBy} AS key, action, COUNT(*) AS items, SUM(quantity) AS quantity
       FROM ${this.projections.tableOf('materiel-tally', 'materiel_rows')}
       WHERE ${where} GROUP BY ${groupBy}, action ORDER BY ${groupBy}`,
      params,
    );
    const groups = new Map<string, MaterielGroup>();
    for (const row of rows) {
      const group = groups.get(row.key) ?? { key: row.key, seized: { items: 0, quantity: 0 }, destroyed: { items: 0, quantity: 0 } };
      group[row.action] = { items: Number(row.items), quantity: Number(row.quantity ?? 0) };
      groups.set(row.key, group);
    }
    return [...groups.values()];
  }
}
