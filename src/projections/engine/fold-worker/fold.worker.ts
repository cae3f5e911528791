/**
 * A rebuild's reading and folding, in a thread of its own: it reads the SQLite log on its own
 * connection (WAL: reads never wait for the writer), folds each batch once and lets every
 * projection apply it to recording statements; the main thread runs the recorded writes in its
 * transactions. The two cores then share the work: read, parse and fold here, SQLite writes there.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteConnection } from '../../../database/sqlite/sqlite-connection';
import { SqliteEventStore } from '../../../event-store/sqlite/sqlite-event-store';
import { UpcastingEventStore } from '../../../event-store/upcasting-event-store';
import { inCurrentShape } from '../../../log/incident-log-events';
import { allProjections } from '../../all-projections';
import { IncidentFold } from '../incident-fold';
import { contextFor } from '../projection-tables';
import { FoldWorkerAnswer, FoldWorkerInput } from './fold-worker-protocol';
import { RecordingStatements } from './recorded-statements';

const input = workerData as FoldWorkerInput;
const connection = new SqliteConnection(input.sqliteFile);
const store = new UpcastingEventStore(new SqliteEventStore(connection), inCurrentShape);
const fold = new IncidentFold(store, input.foldFacts);
const catalogue = allProjections();
const built = input.projections.map(({ name, generation }) => ({ projection: catalogue.find((p) => p.name === name)!, generation }));
let after = 0;

async function nextBatch(): Promise<FoldWorkerAnswer> {
  const events = await store.readAll(after, input.batchSize);
  if (events.length === 0) return { batch: null };
  const changes = await fold.changes(events);
  const statements = new RecordingStatements();
  for (const { projection, generation } of built) {
    await projection.apply(contextFor(statements, projection, generation), events.filter((e) => projection.handles.includes(e.type)), changes);
  }
  after = events.at(-1)!.globalPosition;
  return { batch: { lastPosition: after, statements: statements.recorded } };
}

parentPort!.on('message', () => {
  nextBatch().then(
    (answer) => parentPort!.postMessage(answer),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
