import { Injectable } from '@nestjs/common';
import { ReadModelDatabase, SqlRunner } from '../database/sql-runner';
import { IncidentView, toIncidentView } from '../domain/incident/incident-view';
import { IncidentFilters, IncidentListRow, IncidentReadModel } from '../incidents/application/incident-read-model';
import { IncidentStreams } from '../incidents/application/incident-streams';
import { incidentAt } from '../incidents/application/incident-at';
import { readCheckpoints } from '../projections/engine/checkpoint-store';
import { SourceReadModel } from '../sources/source-read-model';
import { ExportFilters, keptAsOf } from './export-filters';
import { CitedSource, ExportedIncident } from './formats/exported-incident';

/** Incidents read per statement: memory holds one page, whatever the number of incidents. */
const PAGE_SIZE = 200;

/** How far an export is: incidents looked at out of those to look at. */
export type ExportProgress = (seen: number, total: number) => void;

/** What the list's summary of an incident (its row in `incident-details`) tells of its last record. */
interface ListedIncident {
  lastRecordedAt: string;
}

/** The read model whose checkpoint says which events its rows include. */
const DETAILS = 'incident-details';

/**
 * The incidents an export writes, newest first by when they happened (as `GET /incidents`
 * pages them), read a page at a time by the list's keyset. Now: the `incident-details` read
 * model, filtered by its own query. As of a record time: the same keyset over every incident,
 * each folded from its stream up to that time (as `GET /incidents/{id}?asOf=` does) and kept
 * if what it was then passes the filters.
 *
 * One export is one moment of the log, however long it streams: every page is read in one
 * read-only snapshot of the read models, and the events folded for `asOf` stop at the position
 * that snapshot's checkpoint had reached (events never change, so reading them outside it
 * with that bound gives what it would).
 */
@Injectable()
export class ExportedIncidents {
  constructor(
    private readonly incidents: IncidentReadModel,
    private readonly streams: IncidentStreams,
    private readonly sources: SourceReadModel,
    private readonly database: ReadModelDatabase,
  ) {}

  /** With `progress`, the incidents to look at are counted first (one more statement), and it is told after each page. */
  async *read(filters: ExportFilters, progress?: ExportProgress): AsyncGenerator<ExportedIncident> {
    // Closed when the export ends, fails or is abandoned (the stream that reads it is destroyed).
    const snapshot = await this.database.openSnapshot();
    try {
      yield* this.pages(snapshot.reader, filters, progress);
    } finally {
      await snapshot.close();
    }
  }

  private async *pages(reader: SqlRunner, filters: ExportFilters, progress?: ExportProgress): AsyncGenerator<ExportedIncident> {
    const scan = this.scanned(filters);
    const logPosition = filters.asOf === null ? 0 : await this.checkpointOf(reader);
    const total = progress ? await this.incidents.count(scan, reader) : 0;
    let seen = 0;
    progress?.(seen, total);
    let after: IncidentFilters['after'] = null;
    for (;;) {
      const rows = await this.incidents.list({ ...scan, limit: PAGE_SIZE, after }, reader);
      if (rows.length === 0) return;
      const views =
        filters.asOf === null
          ? await this.viewsNow(rows.map((row) => row.incidentId), reader)
          : await this.viewsAsOf(rows, filters.asOf, logPosition, filters, reader);
      // Sources never change once registered: those the snapshot's incidents cite read the same outside it.
      const cited = await this.citedSources(views);
      for (const view of views) yield { view, sources: view.sources.flatMap((id) => cited.get(id) ?? []) };
      seen += rows.length;
      progress?.(seen, total);
      if (rows.length < PAGE_SIZE) return;
      const last = rows.at(-1)!;
      after = { occurredStart: last.occurredStart, incidentId: last.incidentId };
    }
  }

  /** The last event of the log the snapshot's incident rows include. */
  private async checkpointOf(reader: SqlRunner): Promise<number> {
    const record = (await readCheckpoints(reader)).find((candidate) => candidate.name === DETAILS);
    if (!record) throw new Error(`no checkpoint for the ${DETAILS} read model`);
    return record.checkpoint;
  }

  /** What the read model is asked for: the filters themselves now; every incident when they apply to a past state. */
  private scanned(filters: ExportFilters): Omit<IncidentFilters, 'limit' | 'after'> {
    return filters.asOf === null
      ? filters
      : { country: null, from: null, to: null, operation: null, actor: null, sourceId: null, includeWithdrawn: true };
  }

  private async viewsNow(incidentIds: readonly string[], reader: SqlRunner): Promise<IncidentView[]> {
    return (await this.incidents.states(incidentIds, reader)).map(toIncidentView);
  }

  /**
   * An incident recorded nothing after `asOf` is, as of then, what the snapshot holds now: read
   * with the others in one statement, as a page is now. Only those changed since are folded from
   * their streams (the events the snapshot includes, up to `asOf`), one stream at a time.
   */
  private async viewsAsOf(rows: readonly IncidentListRow[], asOf: string, logPosition: number, filters: ExportFilters, reader: SqlRunner): Promise<IncidentView[]> {
    const moment = Date.parse(asOf);
    const unchanged = new Set(rows.filter((row) => Date.parse((row.summary as ListedIncident).lastRecordedAt) <= moment).map((row) => row.incidentId));
    const current = new Map((await this.viewsNow([...unchanged], reader)).map((view) => [view.incidentId, view]));
    const views: IncidentView[] = [];
    for (const { incidentId } of rows) {
      const view = unchanged.has(incidentId) ? current.get(incidentId) : await this.foldedAsOf(incidentId, asOf, logPosition);
      if (view && keptAsOf(view, filters)) views.push(view);
    }
    return views;
  }

  private async foldedAsOf(incidentId: string, asOf: string, logPosition: number): Promise<IncidentView | undefined> {
    const stream = (await this.streams.events(incidentId)).filter((event) => event.globalPosition <= logPosition);
    return incidentAt(stream, { asOf })?.view;
  }

  private async citedSources(views: readonly IncidentView[]): Promise<Map<string, CitedSource>> {
    const ids = [...new Set(views.flatMap((view) => view.sources))];
    const summaries = await this.sources.summaries(ids);
    return new Map(summaries.map(({ sourceId, publisher, title, publishedAt, url }) => [sourceId, { sourceId, publisher, title, publishedAt, url }]));
  }
}
