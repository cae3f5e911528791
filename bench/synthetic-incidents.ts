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

/** A source text holding every excerpt the synthetic events quote (HTTP checks excerpts against it). */
export const SYNTHETIC_SOURCE_TEXT = [
  'Dans la nuit du 11 au 12 novembre 2018, dans la région du Gourma au Mali, la force Barkhane a conduit un raid héliporté',
  'appuyé par un drone Reaper contre un groupe armé terroriste de la katiba du Gourma. Après des tirs de sommation,',
  'les forces françaises ont riposté et ont permis de neutraliser sept terroristes. Des armes et des radios ont été saisis.',
  "L'un des chefs du groupe serait, de manière très probable, parmi les terroristes neutralisés.",
].join(' ');

const CASUALTY_SIDES = ['hostile', 'hostile', 'hostile', 'friendly', 'civilian'] as const;
const CASUALTY_STATUSES = ['neutralised', 'killed', 'wounded', 'captured'] as const;

/**
 * One long incident (`length` events) as a stream of batches, for replays of long histories: an
 * opening, then mostly casualty reports, with corrections of earlier reports (~10 %), retractions
 * of earlier facts (~5 %), materiel, actors, strikes, raids and identifications mixed in. Every
 * batch passes `decide` against the incident's state; `expectedVersion` is the version before it.
 */
export function* longIncident(
  index: number, sourceId: string, length: number, batchSize: number,
): Generator<{ incidentId: string; events: IncidentEvent[]; expectedVersion: number }> {
  const { incidentId, events: [opening] } = syntheticIncident(index, sourceId);
  const source = (excerpt: string) => ({ sourceId, excerpt });
  let state = evolve(initialIncidentState(), { ...opening, version: 1, recordedAt: '', recordedBy: '' });
  let pending: IncidentEvent[] = [opening];
  let expectedVersion = 0;
  const casualties: Array<{ eventId: string; low: number; high: number }> = [];
  const retractable: string[] = [];
  const identifications: string[] = [];
  const pick = <T>(list: T[], k: number): T => list[(k * 7919) % list.length];
  let k = 0;
  for (let first = true; first || state.version < length; first = false) {
    const room = Math.min(batchSize - pending.length, length - state.version);
    const facts: ProposedFact[] = [];
    for (let j = 0; j < room; j++, k++) {
      const eventId = uuidv7();
      const slot = k % 20;
      if (slot === 6 || slot === 7) {
        if (casualties.length > 0) {
          const target = pick(casualties, k);
          const best = target.low + (k % (target.high - target.low + 1));
          facts.push({ eventId, type: 'FactCorrected', data: { correctsEventId: target.eventId, data: { count: { best } }, reason: 'revised figure' }, source: source('neutraliser sept terroristes'), confidence: 'confirmed' });
          continue;
        }
      } else if (slot === 8) {
        if (retractable.length > 0) {
          const at = (k * 7919) % retractable.length;
          const [retracted] = retractable.splice(at, 1);
          const casualty = casualties.findIndex((c) => c.eventId === retracted);
          if (casualty >= 0) casualties.splice(casualty, 1);
          facts.push({ eventId, type: 'FactRetracted', data: { retractsEventId: retracted, reason: 'not in the final communiqué' }, source: source('tirs de sommation'), confidence: 'confirmed' });
          continue;
        }
      } else if (slot === 9 || slot === 10) {
        facts.push({ eventId, type: 'MaterielSeized', data: { items: [{ category: MATERIEL_CATEGORIES[k % 9], description: 'weapons', quantity: 1 + (k % 4) }] }, source: source('ont été saisis'), confidence: 'confirmed' });
        retractable.push(eventId);
        continue;
      } else if (slot === 11) {
        facts.push({ eventId, type: 'ActorInvolved', data: { name: `katiba ${k % 50}`, kind: 'armed-group', side: 'hostile', parent: 'RVIM' }, source: source('katiba du Gourma'), confidence: 'confirmed' });
        continue;
      } else if (slot === 12) {
        facts.push({ eventId, type: 'StrikeConducted', data: { force: 'French forces', means: ['drone'], platforms: ['MQ-9 Reaper'], target: 'vehicle' }, source: source('drone Reaper'), confidence: 'confirmed' });
        retractable.push(eventId);
        continue;
      } else if (slot === 13) {
        facts.push({ eventId, type: 'RaidConducted', data: { force: 'French forces', modes: ['heliborne'], support: ['MQ-9 Reaper drone'], target: 'armed group' }, source: source('raid héliporté'), confidence: 'confirmed' });
        continue;
      } else if (slot === 14) {
        facts.push({ eventId, type: 'IdentificationPending', data: { person: `Person ${index}-${k}`, role: 'leader' }, source: source('très probable'), confidence: 'probable' });
        identifications.push(eventId);
        continue;
      } else if (slot === 15 && identifications.length > 0) {
        facts.push({ eventId, type: 'IdentificationConfirmed', data: { identificationId: identifications.shift()! }, source: source('très probable'), confidence: 'confirmed' });
        continue;
      }
      const low = k % 6;
      const high = low + 2 + (k % 9);
      facts.push({
        eventId, type: 'CasualtiesReported',
        data: { side: CASUALTY_SIDES[k % 5], status: CASUALTY_STATUSES[k % 4], count: { low, best: low + 1, high }, wording: 'neutraliser sept terroristes' },
        source: source('neutraliser sept terroristes'), confidence: 'confirmed',
      });
      casualties.push({ eventId, low, high });
      retractable.push(eventId);
    }
    const decided = facts.length > 0 ? decide({ kind: 'RecordFacts', events: facts }, state) : [];
    state = decided.reduce((s, e, i) => evolve(s, { ...e, version: s.version + 1, recordedAt: '', recordedBy: '' }), state);
    pending = [...pending, ...decided];
    yield { incidentId, events: pending, expectedVersion };
    expectedVersion = state.version;
    pending = [];
  }
}
