import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { fold } from '../../domain/incident/fold';
import { IncidentEvent, incidentStreamId } from '../../domain/incident/incident-events';
import { IncidentState } from '../../domain/incident/incident-state';
import { AppendResult, EventStore, ExpectedVersion, StoredEvent } from '../../event-store/event-store.port';
import { WriteContext, toEventToAppend, toRecordedIncidentEvent } from '../../log/incident-log-events';
import { ProjectionEngine } from '../../projections/engine/projection-engine';
import { EventsRecorded } from './events-recorded.event';

export interface LoadedIncident {
  events: StoredEvent[];
  state: IncidentState;
}

/** Loads incidents from their streams and appends to them; the store is the source of truth. */
@Injectable()
export class IncidentStreams {
  constructor(private readonly store: EventStore, private readonly projections: ProjectionEngine, private readonly eventBus: EventBus) {}

  async load(incidentId: string): Promise<LoadedIncident> {
    const events = await this.store.readStream(incidentStreamId(incidentId));
    return { events, state: fold(events.map(toRecordedIncidentEvent)) };
  }

  /** Whether an incident was ever opened (a withdrawn one still exists). */
  async exists(incidentId: string): Promise<boolean> {
    return (await this.store.readStream(incidentStreamId(incidentId))).length > 0;
  }

  /** Events already stored under any of these ids, in any incident or stream. */
  findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    return this.store.findEvents(eventIds);
  }

  /** Appends, then waits until the read models show the write, so the next read sees it. */
  async append(incidentId: string, events: IncidentEvent[], expectedVersion: ExpectedVersion, context: WriteContext): Promise<AppendResult> {
    const result = await this.store.append(incidentStreamId(incidentId), events.map((e) => toEventToAppend(e, context)), expectedVersion);
    const last = Math.max(...result.events.map((e) => e.globalPosition));
    if (result.appendedCount > 0) this.eventBus.publish(new EventsRecorded(incidentId, last));
    await this.projections.waitFor(last);
    return result;
  }
}
