import { isInForce } from '../../domain/incident/incident-state';
import { incidentHeadline, showFact } from '../../domain/incident/incident-view';
import { SqlParam } from '../../database/sql-runner';
import { IncidentChange } from '../engine/incident-fold';
import { ProjectionContext } from '../engine/projection';
import { deleteWhereIn, insertMany } from '../shared/bulk-sql';
import { IncidentProjection, factsOnSide, isNewFact } from '../shared/incident-projection';

/**
 * Each identification the batch touched: its row, or null when it left the queue (retracted,
 * incident withdrawn); and those that may have a row from before the batch.
 */
interface Batch {
  rows: Map<string, SqlParam[] | null>;
  existing: string[];
}

/**
 * The queue of identifications, by status, across incidents. A withdrawn incident's
 * identifications leave it (a duplicate's would be counted twice), and come back with it.
 */
export class IdentificationsProjection extends IncidentProjection<Batch> {
  readonly name = 'identifications';
  readonly version = 3;
  readonly tables = {
    identifications: {
      columns: `identification_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, status TEXT NOT NULL, item TEXT NOT NULL`,
      indexes: ['status, identification_id', 'incident_id'],
    },
  };

  protected startBatch(): Batch {
    return { rows: new Map(), existing: [] };
  }

  protected onChange(batch: Batch, change: IncidentChange): void {
    const { after: state } = change;
    for (const fact of factsOnSide(change, 'after')) {
      if (fact.type !== 'IdentificationPending') continue;
      if (!batch.rows.has(fact.eventId) && !isNewFact(change, fact.eventId)) batch.existing.push(fact.eventId);
      if (!isInForce(fact) || state.withdrawnBy !== null) {
        batch.rows.set(fact.eventId, null);
        continue;
      }
      const [identification] = showFact(state, fact).identifications;
      const { incidentId, title, occurred, location } = incidentHeadline(state);
      const item = { ...identification, incidentId, incidentTitle: title, occurred, location };
      batch.rows.set(fact.eventId, [fact.eventId, incidentId, identification.status, JSON.stringify(item)]);
    }
  }

  protected async write(context: ProjectionContext, batch: Batch): Promise<void> {
    const table = context.table('identifications');
    await deleteWhereIn(context.sql, table, 'identification_id', batch.existing);
    await insertMany(context.sql, table, ['identification_id', 'incident_id', 'status', 'item'], [...batch.rows.values()].filter((row) => row !== null));
  }
}
