import { v7 as uuidv7 } from 'uuid';
import { decide, ProposedFact } from '../src/domain/incident/decide';
import { evolve } from '../src/domain/incident/evolve';
import { IncidentEvent } from '../src/domain/incident/incident-events';
import { initialIncidentState } from '../src/domain/incident/incident-state';
import { MATERIEL_CATEGORIES } from '../src/domain/incident/incident-events';

const COUNTRIES = [['ML', 'Gourma'], ['ML', 'Ménaka'], ['NE', 'Tillabéri'], ['BF', 'Soum'], ['TD', 'Lac']] as const;

/**
 * One incident's events as a communiqué would give them: an opening and 7–12 facts, with a
 * correction, a confirmation or a retraction now and then. Every event passes `decide`.
 */
export function syntheticIncident(index: number, sourceId: string): { incidentId: string; events: IncidentEvent[] } {
  const incidentId = uuidv7();
  const source = (excerpt: string) => ({ sourceId, excerpt });
  const [country, area] = COUNTRIES[index % COUNTRIES.length];
  const day = new Date(Date.UTC(2014 + (index % 10), index % 12, 1 + (index % 27), 18));
  const [opening] = decide(
    {
      kind: 'OpenIncident',
      eventId: uuidv7(),
      data: {
        incidentId,
        title: `Operation ${index} in the ${area}`,
        occurred: { start: day.toISOString(), end: new Date(day.getTime() + 12 * 3600_000).toISOString(), precision: 'night' },
        location: { country, area, admin1: null, name: null, latitude: null, longitude: null, precision: 'area' },
        operation: index % 3 === 0 ? 'Barkhane' : 'Serval',
      },
      source: source('Dans la nuit du 11 au 12 novembre 2018'),
      confidence: 'confirmed',
    },
    initialIncidentState(),
  );
  let state = evolve(initialIncidentState(), { ...opening, version: 1, recordedAt: '', recordedBy: '' });
  const casualtiesId = uuidv7();
  const identificationId = uuidv7();
  const facts: ProposedFact[] = [
    { eventId: uuidv7(), type: 'RaidConducted', data: { force: 'French forces', modes: ['heliborne'], support: ['MQ-9 Reaper drone'], target: 'armed group' }, source: source('raid héliporté'), confidence: 'confirmed' },
    { eventId: uuidv7(), type: 'FireExchanged', data: { initiatedBy: 'French forces', warningShots: true, hostileWeapons: ['light weapons'], outcome: 'fire ended' }, source: source('tirs de sommation'), confidence: 'confirmed' },
    { eventId: casualtiesId, type: 'CasualtiesReported', data: { side: 'hostile', status: 'neutralised', count: { low: 5, best: 5 + (index % 5), high: 12 }, wording: 'neutraliser sept terroristes' }, source: source('neutraliser sept terroristes'), confidence: 'confirmed' },
    { eventId: uuidv7(), type: 'MaterielSeized', data: { items: [{ category: MATERIEL_CATEGORIES[index % 9], description: 'weapons' }, { category: 'communications', description: 'radios', quantity: 2 }] }, source: source('ont été saisis'), confidence: 'confirmed' },
    { eventId: uuidv7(), type: 'ActorInvolved', data: { name: `katiba ${index % 50}`, kind: 'armed-group', side: 'hostile', parent: 'RVIM', founded: 2014 }, source: source('katiba du Gourma'), confidence: 'confirmed' },
    { eventId: uuidv7(), type: 'ActorInvolved', data: { name: 'French forces', kind: 'state-force', side: 'friendly' }, source: source('forces françaises'), confidence: 'confirmed' },
    { eventId: identificationId, type: 'IdentificationPending', data: { person: `Person ${index}`, role: 'leader' }, source: source('très probable'), confidence: 'probable' },
  ];
  if (index % 2 === 0) facts.push({ eventId: uuidv7(), type: 'IdentificationConfirmed', data: { identificationId }, source: source('très probable'), confidence: 'confirmed' });
  if (index % 3 === 0) facts.push({ eventId: uuidv7(), type: 'FactCorrected', data: { correctsEventId: casualtiesId, data: { count: { best: 11 } }, reason: 'revised figure' }, source: source('neutraliser sept terroristes'), confidence: 'confirmed' });
  if (index % 5 === 0) facts.push({ eventId: uuidv7(), type: 'StrikeConducted', data: { force: 'French forces', means: ['drone'], platforms: ['MQ-9 Reaper'], target: 'vehicle' }, source: source('drone Reaper'), confidence: 'confirmed' });
  if (index % 7 === 0) facts.push({ eventId: uuidv7(), type: 'FactRetracted', data: { retractsEventId: facts[1].eventId, reason: 'not in the final communiqué' }, source: source('tirs de sommation'), confidence: 'confirmed' });
  const decided = decide({ kind: 'RecordFacts', events: facts }, state);
  state = decided.reduce((s, e, i) => evolve(s, { ...e, version: 2 + i, recordedAt: '', recordedBy: '' }), state);
  return { incidentId, events: [opening, ...decided] };
}
