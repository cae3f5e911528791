import { ActorView, IncidentView } from '../domain/incident/incident-view';
import { IncidentFilters } from '../incidents/application/incident-read-model';
import { actorKeyOf, sortableTime } from '../projections/shared/comparable-keys';

/** The filters of `GET /incidents` (without its paging) and a record time: times are sortable UTC text, the country in capitals. */
export interface ExportFilters extends Omit<IncidentFilters, 'limit' | 'after'> {
  /** The incidents as the log knew them at this record time; null for now. */
  asOf: string | null;
}

const namesOf = (actor: ActorView): string[] => [actor.name, ...actor.aliases].map(actorKeyOf);

/**
 * Whether an incident as the log knew it at a past record time passes the filters. They apply
 * to what it was then (its country, dates, actors and sources then), as the tallies' `asOf` does,
 * and are the same tests `GET /incidents` makes in SQL on the incident as it stands now.
 */
export function keptAsOf(view: IncidentView, filters: ExportFilters): boolean {
  if (!filters.includeWithdrawn && view.withdrawn !== null) return false;
  if (filters.country !== null && view.location.country !== filters.country) return false;
  if (filters.from !== null && sortableTime(view.occurred.end) < filters.from) return false;
  if (filters.to !== null && sortableTime(view.occurred.start) > filters.to) return false;
  if (filters.operation !== null && view.operation?.toLowerCase() !== filters.operation.toLowerCase()) return false;
  if (filters.actor !== null && !view.actors.some((actor) => namesOf(actor).includes(actorKeyOf(filters.actor!)))) return false;
  if (filters.sourceId !== null && !view.sources.includes(filters.sourceId)) return false;
  return true;
}
