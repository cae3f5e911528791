import { FactRecord, IncidentState, initialIncidentState } from '../../../src/domain/incident/incident-state';
import { IncidentStateCache } from '../../../src/log/incident-state-cache';

/** A state of `facts` facts at that version (the cache counts facts; what they hold does not matter to it). */
const stateWith = (incidentId: string, facts: number): IncidentState => ({
  ...initialIncidentState(),
  incidentId,
  version: facts,
  facts: Array.from({ length: facts }, () => ({}) as FactRecord),
});

/** Writes going round `incidents` incidents `rounds` times, each looking its state up and keeping it: the share found. */
function roundRobin(cache: IncidentStateCache, incidents: number, rounds: number): number {
  let found = 0;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < incidents; i++) {
      const id = `incident-${i}`;
      if (cache.get(id)) found++;
      cache.set(id, stateWith(id, 10));
    }
  }
  return found / (incidents * rounds);
}

describe('the incident states a writer keeps in memory', () => {
  it('as a plain LRU, finds none of them when writes go round more incidents than it holds', () => {
    // Given room for 100 incidents of 10 facts, when writes go round 150 incidents
    const found = roundRobin(new IncidentStateCache({ maxFacts: 1_000 }), 150, 20);
    // Then each write pushed out the incident the next writes came back to
    expect(found).toBe(0);
  });

  it('admitting by frequency, keeps a steady part of such a round', () => {
    const found = roundRobin(new IncidentStateCache({ maxFacts: 1_000, admitByFrequency: true }), 150, 20);
    // About 100 of the 150 after the first round (which finds none)
    expect(found).toBeGreaterThan(0.5);
  });

  it('admitting by frequency, takes in an incident that turns busy and pushes out one that went quiet', () => {
    const cache = new IncidentStateCache({ maxFacts: 100, admitByFrequency: true });
    // Given the cache full with ten incidents looked up once each
    for (let i = 0; i < 10; i++) {
      cache.get(`quiet-${i}`);
      cache.set(`quiet-${i}`, stateWith(`quiet-${i}`, 10));
    }
    // When another incident is looked up once, it is not kept: it would push out one used as much
    cache.get('busy');
    cache.set('busy', stateWith('busy', 10));
    expect(cache.get('busy')).toBeUndefined();
    // But once it is looked up more than the least recently used, it is kept, and that one goes
    cache.set('busy', stateWith('busy', 10));
    expect(cache.get('busy')?.version).toBe(10);
    expect(cache.peekVersion('quiet-0')).toBeUndefined();
    expect(cache.peekVersion('quiet-9')).toBe(10);
  });

  it('never holds more facts than its budget, whatever it is given', () => {
    for (const admitByFrequency of [false, true]) {
      const cache = new IncidentStateCache({ maxFacts: 50, admitByFrequency });
      for (let i = 0; i < 200; i++) {
        const id = `incident-${i % 17}`;
        cache.get(id);
        cache.set(id, stateWith(id, 1 + (i % 13)));
      }
      const kept = Array.from({ length: 17 }, (_, i) => cache.peekVersion(`incident-${i}`) ?? 0);
      expect(kept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(50);
    }
  });
});
