import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { fold } from '../../domain/incident/fold';
import { IncidentEvent, incidentStreamId } from '../../domain/incident/incident-events';
import { IncidentState, initialIncidentState } from '../../domain/incident/incident-state';
import { AppendResult, EventStore, ExpectedVersion, StoredEvent } from '../../event-store/event-store.port';
import { WriteContext, toEventToAppend, toRecordedIncidentEvent } from '../../log/incident-log-events';
import { ProjectionEngine } from '../../projections/engine/projection-engine';
import { EventsRecorded } from './events-recorded.event';
import { IncidentStateCache } from '../../log/incident-state-cache';
import { IncidentReadModel } from './incident-read-model';

/** Loads incidents from their streams and appends to them; the store is the source of truth. */
@Injectable()
export class IncidentStreams {
  // Writes may go round more incidents than it holds (an import, a bulk of corrections): it admits by frequency.
  private readonly cache = new IncidentStateCache({ admitByFrequency: true });

  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
    private readonly eventBus: EventBus,
    private readonly readModel: IncidentReadModel,
  ) {}

  /**
   * The incident as the log holds it now: the state this process last saw of it, or else its
   * projected state (an incident this process has not seen, or one its cache dropped), with the
   * events appended since (by anyone), so the cost does not grow with the incident's history.
   */
  async state(incidentId: string): Promise<IncidentState> {
    const cached = this.cache.get(incidentId);
    const known = cached ?? (await this.readModel.currentState(incidentId));
    const later = await this.store.readStream(incidentStreamId(incidentId), known?.version ?? 0);
    if (later.length === 0 && known === cached) return cached ?? initialIncidentState();
    const state = fold(later.map(toRecordedIncidentEvent), known);
    this.cache.set(incidentId, state);
    return state;
  }

  /** Every event of the incident, oldest first (history and as-of reads). */
  events(incidentId: string): Promise<StoredEvent[]> {
    return this.store.readStream(incidentStreamId(incidentId));
  }

  /** Whether an incident was ever opened (a withdrawn one still exists). */
  async exists(incidentId: string): Promise<boolean> {
    return (await this.state(incidentId)).incidentId !== null;
  }

  /** Events already stored under any of these ids, in any incident or stream. */
  findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    return eventIds.length === 0 ? Promise.resolve([]) : this.store.findEvents(eventIds);
  }

  /**
   * Appends, with the projections applied in the append's own transaction where the store allows
   * (SQLite); otherwise waits until the read models show the write. Either way the next read sees it.
   * `decidedOn`: the state (from `state`) the append was decided on. The projections' fold starts
   * from it if it lacks the incident, and the state after the append is folded from it: the cache
   * need not have kept it.
   */
  async append(incidentId: string, events: IncidentEvent[], expectedVersion: ExpectedVersion, context: WriteContext, decidedOn: IncidentState): Promise<AppendResult> {
    const inTransaction: { applied: (() => void) | null } = { applied: null };
    const result = await this.store.appendWithin(
      incidentStreamId(incidentId), events.map((e) => toEventToAppend(e, context)), expectedVersion,
      async (appended, sql) => {
        inTransaction.applied = await this.projections.applyInAppendTransaction(sql, appended, { incidentId, state: decidedOn });
      },
    );
    const last = Math.max(...result.events.map((e) => e.globalPosition));
    if (result.appendedCount > 0) this.remember(incidentId, result, decidedOn);
    // Applied with the append: nothing is left to catch up. Otherwise the projections are woken for it.
    if (inTransaction.applied) inTransaction.applied();
    else if (result.appendedCount > 0) this.eventBus.publish(new EventsRecorded(incidentId, last));
    await this.projections.waitFor(last);
    return result;
  }

  /** The state after this append, when it follows the one it was decided on; otherwise the next write reads what it lacks. */
  private remember(incidentId: string, result: AppendResult, decidedOn: IncidentState): void {
    const firstNew = result.streamVersion - result.appendedCount + 1;
    const fresh = [...new Map(result.events.filter((e) => e.streamVersion >= firstNew).map((e) => [e.eventId, e])).values()]
      .sort((a, b) => a.streamVersion - b.streamVersion);
    if (fresh.length > 0 && fresh[0].streamVersion === decidedOn.version + 1) {
      this.cache.set(incidentId, fold(fresh.map(toRecordedIncidentEvent), decidedOn));
    } else {
      this.cache.forget(incidentId);
    }
  }
}
