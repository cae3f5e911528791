/**
 * Random, domain-valid histories of incidents for property tests. fast-check generates abstract
 * choices ("correct the 3rd correctable fact, variant 1, with value 7"); `playWrite` turns them
 * into facts against the stream's current state and keeps the ones `decide` accepts, so every
 * stored stream is one the application could have written.
 */
import fc from 'fast-check';
import { ProposedFact, decide } from '../../src/domain/incident/decide';
import { evolve } from '../../src/domain/incident/evolve';
import { fold } from '../../src/domain/incident/fold';
import {
  ACTOR_SIDES, CASUALTY_SIDES, CASUALTY_STATUSES, CasualtiesReportedData, IncidentEvent, IncidentEventType, MATERIEL_CATEGORIES, MaterielItem,
} from '../../src/domain/incident/incident-events';
import { DomainRuleViolation } from '../../src/domain/incident/incident-errors';
import { FactRecord, IncidentState, isInForce } from '../../src/domain/incident/incident-state';
import { StoredEvent } from '../../src/event-store/event-store.port';
import { toRecordedIncidentEvent } from '../../src/log/incident-log-events';
import { IncidentLog, SOURCE_ID, decisionContext, openingData } from './reliability';

const COUNTRIES = ['ML', 'NE', 'BF'] as const;
const AREAS = ['Gourma', 'Menaka', 'Liptako', null] as const;
const ACTOR_NAMES = ['katiba du Gourma', 'Katiba  du GOURMA', 'EIGS', 'JNIM'] as const;
const PERSONS = ['Almansour Ag Alkassam', 'Person B', 'Person C'] as const;

export interface OpeningChoice {
  country: number;
  area: number;
  day: number;
}

export type FactChoice =
  | { kind: 'casualties'; side: number; status: number; best: number; lowBy: number | null; highBy: number | null }
  | { kind: 'seized' | 'destroyed'; items: ItemChoice[] }
  | { kind: 'actor'; name: number; side: number }
  | { kind: 'pending'; person: number }
  | { kind: 'decision'; confirm: boolean; pick: number }
  | { kind: 'correct'; pick: number; variant: number; a: number; b: number; items: ItemChoice[] }
  | { kind: 'retract'; pick: number };

export interface ItemChoice {
  category: number;
  quantity: number | null;
}

export type Step =
  | { kind: 'write'; incident: number; opening: OpeningChoice; facts: FactChoice[] }
  | { kind: 'catchUp'; engine: number };

const small = (max: number) => fc.integer({ min: 0, max });
const itemArb: fc.Arbitrary<ItemChoice> = fc.record({ category: small(20), quantity: fc.option(small(12), { nil: null }) });
const itemsArb = fc.array(itemArb, { minLength: 1, maxLength: 3 });

export const factChoiceArb: fc.Arbitrary<FactChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('casualties' as const), side: small(9), status: small(9), best: small(20), lowBy: fc.option(small(5), { nil: null }), highBy: fc.option(small(5), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('seized' as const, 'destroyed' as const), items: itemsArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('actor' as const), name: small(9), side: small(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pending' as const), person: small(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decision' as const), confirm: fc.boolean(), pick: small(9) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: small(30), variant: small(5), a: small(25), b: small(25), items: itemsArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick: small(30) }) },
);

export const openingArb: fc.Arbitrary<OpeningChoice> = fc.record({ country: small(9), area: small(9), day: small(27) });

export const stepArb = (incidents: number, engines: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), incident: small(incidents - 1), opening: openingArb, facts: fc.array(factChoiceArb, { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('catchUp' as const), engine: small(engines - 1) }) },
  );

const at = <T>(list: readonly T[], index: number): T => list[index % list.length];

/** A time `day` days after 1 November 2018 (so a large day falls in December: another month). */
const dayOf = (day: number, hour: number): string => new Date(Date.UTC(2018, 10, 1 + day, hour % 24)).toISOString();

const items = (choices: ItemChoice[]): MaterielItem[] =>
  choices.map((c, i) => ({
    category: at(MATERIEL_CATEGORIES, c.category),
    description: `item ${i} of ${at(MATERIEL_CATEGORIES, c.category)}`,
    ...(c.quantity === null ? {} : { quantity: c.quantity }),
  }));

const CORRECTABLE: readonly IncidentEventType[] = ['IncidentOpened', 'CasualtiesReported', 'MaterielSeized', 'MaterielDestroyed', 'ActorInvolved', 'IdentificationPending'];

function correctionData(target: FactRecord, choice: Extract<FactChoice, { kind: 'correct' }>): Record<string, unknown> {
  const { variant, a, b } = choice;
  switch (target.type) {
    case 'IncidentOpened':
      if (variant % 3 === 0) return { location: { country: at(COUNTRIES, a), area: at(AREAS, b) } };
      if (variant % 3 === 1) return { occurred: { start: dayOf(a, 18), end: dayOf(a + 1, b % 12) } };
      return { title: `Incident, title revised ${a}` };
    case 'CasualtiesReported': {
      const count = (target.data as CasualtiesReportedData).count;
      if (variant % 3 === 0) return { count: { low: Math.max(0, a - (b % 4)), best: a, high: a + (b % 5) } };
      if (variant % 3 === 1) return { status: at(CASUALTY_STATUSES, a), side: at(CASUALTY_SIDES, b) };
      let best = a;
      if (count.low !== undefined && count.low !== null) best = Math.max(best, count.low);
      if (count.high !== undefined && count.high !== null) best = Math.min(best, count.high);
      return { count: { best } };
    }
    case 'MaterielSeized':
    case 'MaterielDestroyed':
      return { items: items(choice.items) };
    case 'ActorInvolved':
      return variant % 2 === 0 ? { side: at(ACTOR_SIDES, a) } : { name: at(ACTOR_NAMES, a) };
    case 'IdentificationPending':
      return { person: at(PERSONS, a) };
    default:
      throw new Error(`not correctable here: ${target.type}`);
  }
}

/** The fact a choice stands for in this state, or null when nothing fits (no pending identification…). */
function factFor(choice: FactChoice, state: IncidentState, log: IncidentLog): ProposedFact | null {
  const facts = log.facts;
  const inForce = state.facts.filter(isInForce);
  switch (choice.kind) {
    case 'casualties': {
      const count = {
        ...(choice.lowBy === null ? {} : { low: Math.max(0, choice.best - choice.lowBy) }),
        best: choice.best,
        ...(choice.highBy === null ? {} : { high: choice.best + choice.highBy }),
      };
      return facts.casualties(count, { side: at(CASUALTY_SIDES, choice.side), status: at(CASUALTY_STATUSES, choice.status) });
    }
    case 'seized':
      return facts.seized(items(choice.items));
    case 'destroyed':
      return facts.destroyed(items(choice.items));
    case 'actor':
      return facts.actor(at(ACTOR_NAMES, choice.name), { side: at(ACTOR_SIDES, choice.side) });
    case 'pending':
      return facts.pending(at(PERSONS, choice.person));
    case 'decision': {
      const decided = new Set(
        inForce.filter((f) => f.type === 'IdentificationConfirmed' || f.type === 'IdentificationRefuted').map((f) => (f.data as { identificationId: string }).identificationId),
      );
      const pending = inForce.filter((f) => f.type === 'IdentificationPending' && !decided.has(f.eventId));
      if (pending.length === 0) return null;
      const target = at(pending, choice.pick).eventId;
      return choice.confirm ? facts.confirmed(target) : facts.refuted(target);
    }
    case 'correct': {
      const candidates = inForce.filter((f) => CORRECTABLE.includes(f.type));
      if (candidates.length === 0) return null;
      const target = at(candidates, choice.pick);
      return facts.corrected(target.eventId, correctionData(target, choice));
    }
    case 'retract': {
      const candidates = inForce.filter((f) => f.type !== 'IncidentOpened' && f.type !== 'FactRetracted');
      if (candidates.length === 0) return null;
      return facts.retracted(at(candidates, choice.pick).eventId);
    }
  }
}

const stamped = (state: IncidentState, event: IncidentEvent) =>
  evolve(state, { ...event, version: state.version + 1, recordedAt: state.lastRecordedAt ?? '', recordedBy: '' });

const accepts = (state: IncidentState, facts: ProposedFact[]): boolean => {
  try {
    decide({ kind: 'RecordFacts', events: facts }, state, decisionContext());
    return true;
  } catch (error) {
    if (error instanceof DomainRuleViolation) return false;
    throw error;
  }
};

export interface WriteOutcome {
  stored: StoredEvent[];
  /** Choices `decide` refused or that had nothing to apply to. */
  skipped: number;
}

/** Plays one write: opens the incident if needed, then the facts `decide` accepts, in one append. */
export async function playWrite(log: IncidentLog, incidentId: string, opening: OpeningChoice, choices: FactChoice[]): Promise<WriteOutcome> {
  const loaded = await log.load(incidentId);
  const events: IncidentEvent[] = [];
  let state = loaded.state;
  if (state.incidentId === null) {
    const data = openingData(incidentId, {
      location: { country: at(COUNTRIES, opening.country), area: at(AREAS, opening.area), admin1: null, name: null, latitude: null, longitude: null, precision: 'area' },
      occurred: { start: dayOf(opening.day, 18), end: dayOf(opening.day + 1, 6), precision: 'night' },
    });
    const [opened] = decide(
      { kind: 'OpenIncident', eventId: log.facts.ids.next(), data, source: { sourceId: SOURCE_ID, excerpt: 'Dans la nuit' }, confidence: 'confirmed' },
      state,
      decisionContext(),
    );
    events.push(opened);
    state = stamped(state, opened);
  }
  const accepted: ProposedFact[] = [];
  let skipped = 0;
  let provisional = state;
  for (const choice of choices) {
    const fact = factFor(choice, provisional, log);
    if (fact && accepts(state, [...accepted, fact])) {
      accepted.push(fact);
      provisional = stamped(provisional, fact);
    } else skipped += 1;
  }
  const all = [...events, ...accepted];
  if (all.length === 0) return { stored: [], skipped };
  return { stored: await log.append(incidentId, all, loaded.state.version), skipped };
}

/** The incident's state folded from the log's events up to and including `position`. */
export const foldUpTo = (stream: readonly StoredEvent[], position: number): IncidentState =>
  fold(stream.filter((e) => e.globalPosition <= position).map(toRecordedIncidentEvent));

/** What a stored event is, for counting what a run covered: `FactCorrected:IncidentOpened`, `FactRetracted:FactCorrected`… */
export function coverageKey(event: StoredEvent, stream: readonly StoredEvent[]): string {
  const data = event.data as { correctsEventId?: string; retractsEventId?: string };
  const targetId = data.correctsEventId ?? data.retractsEventId;
  if ((event.type !== 'FactCorrected' && event.type !== 'FactRetracted') || !targetId) return event.type;
  return `${event.type}:${stream.find((e) => e.eventId === targetId)?.type ?? '?'}`;
}
