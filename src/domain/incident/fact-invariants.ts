import { estimateProblems } from '../shared/estimate';
import { locationProblems } from '../shared/location';
import { Problem, prefixProblems } from '../shared/problem';
import { timeSpanProblems } from '../shared/time-span';
import { CasualtiesReportedData, IncidentEventType, IncidentOpenedData, MaterielData, PersonsFreedData } from './incident-events';

/**
 * The rules an event's data must keep whatever the way it arrived (a new fact or a correction
 * merged over an old one). Shape and types are checked at the edge; these are the relations
 * between fields that make a fact coherent.
 */
export function factInvariantProblems(type: IncidentEventType, data: unknown): Problem[] {
  if (typeof data !== 'object' || data === null) return [{ path: '', reason: 'must be an object' }];
  switch (type) {
    case 'IncidentOpened': {
      const opened = data as IncidentOpenedData;
      return [
        ...prefixProblems('occurred', timeSpanProblems(opened.occurred)),
        ...prefixProblems('location', locationProblems(opened.location)),
      ];
    }
    case 'CasualtiesReported':
    case 'PersonsFreed':
      return prefixProblems('count', estimateProblems((data as CasualtiesReportedData | PersonsFreedData).count));
    case 'MaterielSeized':
    case 'MaterielDestroyed':
      return Array.isArray((data as MaterielData).items) && (data as MaterielData).items.length > 0
        ? []
        : [{ path: 'items', reason: 'must name at least one item' }];
    default:
      return [];
  }
}
