import { loadConfig } from '../../src/config/app-config';
import { openStorage, Storage } from '../../src/infrastructure/storage';
import { incidentStreamId } from '../../src/domain/incident/incident-events';
import { SOURCE_EVENT_SCHEMA_VERSION, SOURCE_REGISTERED, sourceStreamId } from '../../src/domain/source/source-events';
import { EventToAppend, NO_STREAM } from '../../src/event-store/event-store.port';
import { toEventToAppend, WriteContext } from '../../src/log/incident-log-events';
import { IncidentEvent } from '../../src/domain/incident/incident-events';

/** The app's storage (store, read models, projection engine) as the app opens it for this environment. */
export function openAppStorage(env: Record<string, string>): Promise<Storage> {
  return openStorage(loadConfig({ ...env }));
}

export const WRITER: WriteContext = { recordedBy: 'bench', correlationId: null, causationId: null };

export const toAppend = (events: IncidentEvent[]): EventToAppend[] => events.map((e) => toEventToAppend(e, WRITER));
export { incidentStreamId, NO_STREAM };

/** Registers a source in the log (as `POST /sources` would) and answers its id. */
export async function registerSource(storage: Storage, sourceId: string, text: string): Promise<void> {
  await storage.store.append(sourceStreamId(sourceId), [{
    eventId: sourceId, type: SOURCE_REGISTERED, schemaVersion: SOURCE_EVENT_SCHEMA_VERSION, source: null, confidence: null, ...WRITER,
    data: { sourceId, sha256: sourceId, publisher: 'bench', title: 'bench', publishedAt: null, language: 'fr', url: null, text },
  }], NO_STREAM);
}
