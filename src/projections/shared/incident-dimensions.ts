import { IncidentView } from '../../domain/incident/incident-view';

/** The fields tallies group by, taken from an incident as it stands. */
export function incidentDimensions(view: IncidentView): { country: string; area: string | null; month: string } {
  return {
    country: view.location.country,
    area: view.location.area ?? null,
    month: new Date(view.occurred.start).toISOString().slice(0, 7),
  };
}
