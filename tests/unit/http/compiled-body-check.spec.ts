import 'reflect-metadata';
import fc from 'fast-check';
import { compiledCheckOf } from '../../../src/http/validation/compiled-check';
import { validatePlain } from '../../../src/http/validation/validation-problems';
import { RecordIncidentEventsRequestDto } from '../../../src/incidents/record-incident-events/record-incident-events.request.dto';

/**
 * The compiled check of `POST /incidents/{id}/events` may only let through bodies the DTO would
 * accept, and hand them on as the DTO would: otherwise a body the contract refuses would be
 * written, or a body stored other than the DTO leaves it. Checked on valid events of every type
 * and on many copies of them with one field changed, removed or added.
 */
const SOURCE = { sourceId: '01938a6e-1b2c-7d3e-8f40-123456789abc', excerpt: 'neutraliser sept terroristes' };
const ID = '01938a6e-1b2c-7d3e-8f40-0000000000aa';

const VALID_EVENTS: Record<string, unknown>[] = [
  { type: 'RaidConducted', data: { force: 'French forces', modes: ['heliborne', 'ground'], support: ['MQ-9 Reaper drone'], target: 'armed group' } },
  { type: 'RaidConducted', data: { force: 'French forces', mode: 'heliborne', support: [], target: 'armed group' } },
  { type: 'RaidConducted', data: { force: 'French forces', mode: null, modes: ['naval'], support: [], target: 'armed group' } },
  { type: 'StrikeConducted', data: { force: 'French Air Force', means: 'drone', platforms: ['Reaper'], target: 'a camp' } },
  { type: 'StrikeConducted', data: { force: 'French Air Force', means: ['drone', 'aircraft'], platforms: [], target: 'a camp' } },
  { type: 'FireExchanged', data: { initiatedBy: 'terrorists', warningShots: false, hostileWeapons: ['AK-47'], outcome: 'repelled' } },
  { type: 'FireExchanged', data: { initiatedBy: null, warningShots: null, hostileWeapons: [], outcome: 'repelled' } },
  { type: 'CasualtiesReported', data: { side: 'hostile', status: 'neutralised', count: { low: 5, best: 7, high: 12 }, wording: 'neutraliser sept terroristes' } },
  { type: 'CasualtiesReported', data: { side: 'civilian', status: 'wounded', count: { low: 2, best: null, high: null }, wording: '' } },
  { type: 'CasualtiesReported', data: { side: 'friendly', status: 'killed', count: { high: 3 } } },
  { type: 'MaterielSeized', data: { items: [{ category: 'light-weapons', description: 'rifles', quantity: 4 }, { category: 'documents', description: 'papers', quantity: null }] } },
  { type: 'MaterielDestroyed', data: { items: [{ category: 'vehicles', description: 'pick-up' }] } },
  { type: 'PersonsFreed', data: { count: { best: 2 }, description: 'hostages' } },
  { type: 'ActorInvolved', data: { name: 'EIGS', kind: 'armed-group', side: 'hostile', parent: null, founded: 2015, notes: '', aliases: ['ISGS', 'État islamique au Grand Sahara'] } },
  { type: 'ActorInvolved', data: { name: 'Barkhane', kind: 'state-force', side: 'friendly' } },
  { type: 'IdentificationPending', data: { person: 'Ba Ag Moussa', role: 'leader', group: 'JNIM', fate: 'neutralised' } },
  { type: 'IdentificationPending', data: { role: 'deputy' } },
  { type: 'IdentificationConfirmed', data: { identificationId: ID } },
  { type: 'IdentificationRefuted', data: { identificationId: ID } },
  { type: 'AttackReported', data: { by: null, against: 'military', means: ['ied', 'small-arms'], description: 'an ambush' } },
  { type: 'PersonsDetained', data: { count: { low: 2 }, description: 'suspects', by: 'FAMa', handedTo: 'la justice malienne' } },
  { type: 'PersonsAbducted', data: { count: { best: 1 }, description: 'a teacher', by: null } },
  { type: 'SiteDiscovered', data: { kind: 'weapons-cache', description: 'a cache' } },
  { type: 'ActivityReported', data: { kind: 'air-sorties', force: null, count: { best: 50 }, description: 'sorties' } },
  { type: 'ActivityReported', data: { kind: 'patrol', count: null, description: 'a patrol' } },
  { type: 'IncidentLinked', data: { incidentId: ID, relation: 'follows', note: null } },
  { type: 'IncidentWithdrawn', data: { reason: 'a duplicate', duplicateOf: ID } },
  { type: 'IncidentWithdrawn', data: { reason: 'recorded by mistake' } },
  { type: 'FactCorrected', data: { correctsEventId: ID, data: { count: { best: 8 } }, reason: 'a later communiqué', confidence: 'probable' } },
  { type: 'FactCorrected', data: { correctsEventId: ID, data: { mode: null, modes: ['ground'] }, reason: 'more precise' } },
  { type: 'FactRetracted', data: { retractsEventId: ID, reason: 'denied' } },
].map((event, i) => ({ ...event, source: SOURCE, ...(i % 3 === 0 ? { eventId: ID, confidence: 'possible' } : {}) }));

const check = compiledCheckOf(RecordIncidentEventsRequestDto)!;

/** What the DTO makes of a body: its problems, or the value as the handler would store it (plain JSON). */
function throughDto(body: unknown): { problems: string[] } | { value: string } {
  const { value, problems } = validatePlain(RecordIncidentEventsRequestDto, body);
  return problems.length > 0 ? { problems: problems.map((p) => `${p.path} ${p.reason}`) } : { value: JSON.stringify(value) };
}

function expectNoLooserThanTheDto(body: unknown): void {
  const checked = check(JSON.parse(JSON.stringify(body)));
  if (checked === undefined) return;
  expect(throughDto(body)).toEqual({ value: JSON.stringify(checked) });
}

/** Values of every JSON kind, and the near misses of the fields above. */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', ' ', 0, -1, 1.5, 2101, 999, 2_000, Number.MAX_SAFE_INTEGER + 1, true, [], {}, [null], [''], ['heliborne', 'heliborne'],
    'heliborne', 'drone', 'other', ID.toUpperCase(), ID, 'not-an-id', '00000000-0000-0000-0000-000000000000', 'x'.repeat(2001), '😀'.repeat(1001),
    { best: 1 }, { low: 3, best: 2 }, { low: null }, { mode: 'ground', modes: ['ground'] }, 'constructor'),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path to a field (or array element) in a value. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [path, ...keys.flatMap((key) => pathsOf((value as any)[key], [...path, key]))];
}

function changed(body: unknown, path: (string | number)[], change: 'remove' | 'replace' | 'add', value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(body));
  if (path.length === 0) return change === 'replace' ? value : copy;
  const parent = path.slice(0, -1).reduce((at: any, key) => at[key], copy);
  const last = path[path.length - 1];
  if (change === 'remove') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (change === 'replace') {
    parent[last] = value;
  } else if (typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) {
    parent[last].unknownField = value;
  }
  return copy;
}

describe('the compiled check of POST /incidents/{id}/events bodies', () => {
  it('accepts a valid event of every type, as the DTO leaves it', () => {
    for (const event of VALID_EVENTS) {
      const body = { events: [event] };
      expect(check(JSON.parse(JSON.stringify(body)))).toEqual(body);
      expectNoLooserThanTheDto(body);
    }
  });

  it('accepts a body of many events of every type', () => {
    const body = { events: VALID_EVENTS };
    expect(check(JSON.parse(JSON.stringify(body)))).toEqual(body);
    expectNoLooserThanTheDto(body);
  });

  it('leaves to the DTO what its transforms would change: ids in capitals, a null person', () => {
    expect(check({ events: [{ ...VALID_EVENTS[0], eventId: ID.toUpperCase() }] })).toBeUndefined();
    expect(check({ events: [{ type: 'IdentificationPending', data: { person: null, role: 'deputy' }, source: SOURCE }] })).toBeUndefined();
  });

  it('never accepts a body the DTO refuses, nor hands one on changed (generated bodies)', () => {
    fc.assert(
      fc.property(
        fc.subarray(VALID_EVENTS, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.constantFrom('remove', 'replace', 'add') as fc.Arbitrary<'remove' | 'replace' | 'add'>,
        replacement,
        (events, pick, change, value) => {
          const body = { events };
          const paths = pathsOf(body);
          expectNoLooserThanTheDto(changed(body, paths[pick % paths.length], change, value));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
