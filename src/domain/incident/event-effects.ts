import { RecordedIncidentEvent } from './incident-events';
import { IncidentState, findFact } from './incident-state';

/**
 * What one event changes in an incident, so a read model can update only that: the facts whose
 * record it adds or changes (itself, the fact it corrects or retracts, the identification it
 * decides), and whether it changes what every fact of the incident reads with (the opening's
 * place and time, the incident being withdrawn or back).
 */
export interface EventEffect {
  facts: string[];
  wholeIncident: boolean;
}

export function effectOf(event: RecordedIncidentEvent, before: IncidentState): EventEffect {
  switch (event.type) {
    case 'IncidentOpened':
    case 'IncidentWithdrawn':
      return { facts: [event.eventId], wholeIncident: true };
    case 'IdentificationConfirmed':
    case 'IdentificationRefuted':
      return { facts: [event.eventId, event.data.identificationId], wholeIncident: false };
    case 'FactCorrected': {
      const target = findFact(before, event.data.correctsEventId);
      return { facts: [event.eventId, event.data.correctsEventId], wholeIncident: target?.type === 'IncidentOpened' };
    }
    case 'FactRetracted': {
      const target = findFact(before, event.data.retractsEventId);
      const facts = [event.eventId, event.data.retractsEventId];
      if (target?.type === 'IncidentWithdrawn') return { facts, wholeIncident: true };
      if (target?.type === 'FactCorrected') {
        const corrected = (target.data as { correctsEventId: string }).correctsEventId;
        return { facts: [...facts, corrected], wholeIncident: findFact(before, corrected)?.type === 'IncidentOpened' };
      }
      if (target?.type === 'IdentificationConfirmed' || target?.type === 'IdentificationRefuted') {
        return { facts: [...facts, (target.data as { identificationId: string }).identificationId], wholeIncident: false };
      }
      return { facts, wholeIncident: false };
    }
    default:
      return { facts: [event.eventId], wholeIncident: false };
  }
}
