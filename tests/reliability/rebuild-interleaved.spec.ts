/**
 * A rebuild of long incidents written at the same time (their events interleaved in the log, as
 * concurrent writers leave them) folds each incident once: it reads no stream again, however many
 * facts the incidents hold together, and ends with the rows the live projections have.
 * Real SQLite file; the store's stream reads are counted as they pass, not replaced.
 */
import { ProposedFact, decide } from '../../src/domain/incident/decide';
import { evolveInPlace } from '../../src/domain/incident/evolve';
import { IncidentEvent } from '../../src/domain/incident/incident-events';
import { IncidentState, initialIncidentState } from '../../src/domain/incident/incident-state';
import { countingStreamReads } from '../support/counting-stream-reads';
import { Rig, decisionContext, incidentIdOf, openRig, openingData, snapshot, tempDatabase } from '../support/reliability';

/** Together more facts than a rebuild keeps in memory (20,000): interleaved, they were folded again and again from event 1. */
const INCIDENTS = 24;
const EVENTS_PER_INCIDENT = 1_000;
/** Events per append: the writers take turns, so each batch of the rebuild holds events of every incident. */
const PER_APPEND = 20;

describe('rebuilding long incidents whose events interleave in the log', () => {
  const folder = tempDatabase();
  let rig: Rig;

  beforeAll(async () => {
    rig = await openRig(folder.file, { batchSize: 1_000 });
    const states = Array.from({ length: INCIDENTS }, () => initialIncidentState());
    for (let written = 0; written < EVENTS_PER_INCIDENT; written += PER_APPEND) {
      for (let index = 0; index < INCIDENTS; index++) await appendTurn(rig, index, states[index]);
    }
    await rig.engine.catchUp();
  }, 120_000);

  afterAll(async () => {
    await rig.close();
    folder.remove();
  });

  it('reads no stream, and ends with exactly the rows the live projections have', async () => {
    const live = await snapshot(rig.engine, rig.db);
    expect(live['casualty-tally.casualty_rows'].length).toBeGreaterThan(INCIDENTS * 100);

    const { eventsRead } = await countingStreamReads(() => rig.engine.rebuild());

    // Before the rebuild read stream after stream, it read 9,000 events again here (once the incidents held 20,000 facts together).
    expect(eventsRead).toBe(0);
    expect(await snapshot(rig.engine, rig.db)).toEqual(live);
    expect(await rig.engine.verify()).toEqual([]);
  }, 120_000);
});

/**
 * One writer's turn: the opening, or facts decided on the incident's state (casualty reports,
 * with a correction of an earlier one now and then and a retraction of another).
 */
async function appendTurn(rig: Rig, index: number, state: IncidentState): Promise<void> {
  const incidentId = incidentIdOf(index);
  const facts = rig.log.facts;
  const reports = state.facts.filter((f) => f.type === 'CasualtiesReported' && f.retractedBy === null);
  const proposed: ProposedFact[] = Array.from({ length: state.version === 0 ? PER_APPEND - 1 : PER_APPEND }, (_, i) => facts.casualties({ best: i + 1 }));
  if (reports.length > 2) {
    proposed[0] = facts.corrected(reports[0].eventId, { count: { best: state.version } });
    proposed[1] = facts.retracted(reports[reports.length - 1].eventId);
  }
  const events: IncidentEvent[] = [];
  if (state.version === 0) {
    const opening = { eventId: facts.ids.next(), data: openingData(incidentId), source: { sourceId: proposed[0].source.sourceId, excerpt: 'Dans la nuit' }, confidence: 'confirmed' as const };
    events.push(...decide({ kind: 'OpenIncident', ...opening }, state, decisionContext()));
  }
  const opened = withEvents(state, events);
  events.push(...decide({ kind: 'RecordFacts', events: proposed }, opened, decisionContext()));
  await rig.log.append(incidentId, events, state.version);
  Object.assign(state, withEvents(state, events));
}

/** The state after these events, the caller's left as it was. */
function withEvents(state: IncidentState, events: IncidentEvent[]): IncidentState {
  const next = { ...state, facts: [...state.facts] };
  for (const event of events) evolveInPlace(next, { ...event, version: next.version + 1, recordedAt: '', recordedBy: '' });
  return next;
}

