import { fold } from '../../domain/incident/fold';
import { IncidentView, toIncidentView } from '../../domain/incident/incident-view';
import { StoredEvent } from '../../event-store/event-store.port';
import { toRecordedIncidentEvent } from '../../log/incident-log-events';

/** A moment of the log: a record time, or a version of the incident. */
export type LogMoment = { asOf: string } | { atVersion: number };

/** The incident as the log knew it at that moment, and that moment as a record time; undefined if it did not exist yet. */
export function incidentAt(stream: readonly StoredEvent[], moment: LogMoment): { view: IncidentView; recordTime: string } | undefined {
  const known = stream.filter((e) =>
    'asOf' in moment ? Date.parse(e.recordedAt) <= Date.parse(moment.asOf) : e.streamVersion <= moment.atVersion,
  );
  if (known.length === 0) return undefined;
  return { view: toIncidentView(fold(known.map(toRecordedIncidentEvent))), recordTime: 'asOf' in moment ? moment.asOf : known.at(-1)!.recordedAt };
}
