import { SqlRunner } from '../../database/sql-runner';
import { StoredEvent } from '../../event-store/event-store.port';
import { ProjectionRecord } from './checkpoint-store';
import { IncidentChange } from './incident-fold';
import { Projection } from './projection';
import { errorMessage } from './projection-errors';
import { contextFor } from './projection-tables';

/** The events of a batch the projection handles. */
export const relevant = (projection: Projection, events: readonly StoredEvent[]): StoredEvent[] =>
  events.filter((e) => projection.handles.includes(e.type));

/**
 * Applies events to one live projection inside a savepoint, so its failure leaves the others'
 * work; answers its record after them (the caller writes every projection's in one statement):
 * failed at the first event that fails, if one does.
 */
export async function applyIsolated(
  sql: SqlRunner, projection: Projection, record: ProjectionRecord, events: StoredEvent[], changes: ReadonlyMap<string, IncidentChange>,
): Promise<ProjectionRecord> {
  const context = contextFor(sql, projection, record.generation);
  const checkpoint = events.at(-1)!.globalPosition;
  // Nothing of this batch concerns it: only its checkpoint moves.
  if (relevant(projection, events).length === 0) return { ...record, checkpoint };
  const savepoint = `p_${projection.name.replace(/\W/g, '_')}`;
  await sql.run(`SAVEPOINT ${savepoint}`);
  try {
    await projection.apply(context, relevant(projection, events), changes);
    await sql.run(`RELEASE SAVEPOINT ${savepoint}`);
    return { ...record, checkpoint };
  } catch {
    await sql.run(`ROLLBACK TO SAVEPOINT ${savepoint}`);
    await sql.run(`RELEASE SAVEPOINT ${savepoint}`);
    return applyUntilFailure(sql, projection, record, events, changes);
  }
}

/** Replays a failed batch one event at a time to find the event that fails; answers the record saying so. */
async function applyUntilFailure(
  sql: SqlRunner, projection: Projection, record: ProjectionRecord, events: StoredEvent[], changes: ReadonlyMap<string, IncidentChange>,
): Promise<ProjectionRecord> {
  const context = contextFor(sql, projection, record.generation);
  let checkpoint = record.checkpoint;
  for (const event of events) {
    await sql.run('SAVEPOINT single_event');
    try {
      await projection.apply(context, relevant(projection, [event]), changes);
      await sql.run('RELEASE SAVEPOINT single_event');
      checkpoint = event.globalPosition;
    } catch (error) {
      await sql.run('ROLLBACK TO SAVEPOINT single_event');
      await sql.run('RELEASE SAVEPOINT single_event');
      return { ...record, checkpoint, status: 'failed', error: errorMessage(error), failedPosition: event.globalPosition };
    }
  }
  return { ...record, checkpoint };
}
