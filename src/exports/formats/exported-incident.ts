import { IncidentView } from '../../domain/incident/incident-view';

/** What a format needs of a cited source: who published it, its headline, when and where. */
export interface CitedSource {
  sourceId: string;
  publisher: string;
  title: string;
  publishedAt: string | null;
  url: string | null;
}

/** One incident as an export writes it: its view (now or as of a record time) and the sources its facts cite, in the view's order. */
export interface ExportedIncident {
  view: IncidentView;
  sources: CitedSource[];
}
