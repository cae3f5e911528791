import type { CorrectionNote, Estimate, Incident, Provenance } from '../api-types';
import { h, type Child } from '../dom';
import { countParts, formatCount, formatTime, words } from '../format';
import { showSource } from './source-dialog';

/** A fact as every list of the incident view gives it: its data beside these provenance fields. */
interface Fact {
  confidence: string;
  source: Provenance;
  corrections: CorrectionNote[];
  [field: string]: unknown;
}

/** The kinds of fact, in the order an analyst reads them, each with the one field that names it. */
const KINDS: { title: string; facts: (incident: Incident) => Fact[]; headline: (fact: Fact) => string }[] = [
  { title: 'Casualties', facts: (i) => i.casualties, headline: (f) => `${f.side} · ${f.status}` },
  { title: 'Raids', facts: (i) => i.raids, headline: (f) => String(f.force) },
  { title: 'Strikes', facts: (i) => i.strikes, headline: (f) => String(f.force) },
  { title: 'Exchanges of fire', facts: (i) => i.fireExchanges, headline: (f) => String(f.outcome) },
  { title: 'Attacks', facts: (i) => i.attacks, headline: (f) => `against ${f.against}` },
  { title: 'Materiel seized', facts: (i) => i.materiel.seized, headline: (f) => String(f.category) },
  { title: 'Materiel destroyed', facts: (i) => i.materiel.destroyed, headline: (f) => String(f.category) },
  { title: 'Persons freed', facts: (i) => i.personsFreed, headline: (f) => String(f.description) },
  { title: 'Detentions', facts: (i) => i.detentions, headline: (f) => String(f.description) },
  { title: 'Abductions', facts: (i) => i.abductions, headline: (f) => String(f.description) },
  { title: 'Sites discovered', facts: (i) => i.sitesDiscovered, headline: (f) => String(f.kind) },
  { title: 'Activities', facts: (i) => i.activities, headline: (f) => String(f.kind) },
  { title: 'Actors', facts: (i) => i.actors, headline: (f) => String(f.name) },
  { title: 'Identifications', facts: (i) => i.identifications as unknown as Fact[], headline: (f) => String(f.person ?? f.role ?? 'unnamed') },
];

/** Shown by the card's frame, its headline or its buttons, not as data. */
const NOT_DATA = new Set(['eventId', 'identificationId', 'confidence', 'source', 'corrections', 'decidedBy', 'decisionSource']);

const isEstimate = (value: unknown): value is Estimate => typeof value === 'object' && value !== null && 'low' in value && 'best' in value && 'high' in value;

function value(field: string, data: unknown): Child {
  if (data === null || data === undefined) return h('span', { class: 'muted' }, 'not stated');
  if (isEstimate(data)) return h('span', { class: 'count' }, h('strong', {}, formatCount(data)), ' ', h('small', { class: 'muted' }, `(${countParts(data)})`));
  if (Array.isArray(data)) return data.length > 0 ? data.map(String).join(', ') : h('span', { class: 'muted' }, 'none stated');
  if (typeof data === 'boolean') return data ? 'yes' : 'no';
  if (field.endsWith('At')) return formatTime(String(data));
  return typeof data === 'object' ? JSON.stringify(data) : String(data);
}

/** The excerpt as a button: pressing it opens the source's text with the excerpt marked. */
export function excerptButton(source: Provenance, label = 'Excerpt'): HTMLElement {
  return h(
    'div',
    { class: 'excerpt' },
    h('span', { class: 'excerpt-label' }, `${label}:`),
    h('button', { type: 'button', class: 'excerpt-button', 'aria-haspopup': 'dialog', onclick: () => void showSource(source.sourceId, source.excerpt) }, `“${source.excerpt}”`),
  );
}

export const confidenceBadge = (confidence: string): HTMLElement => h('span', { class: `badge badge--${confidence}` }, `confidence: ${confidence}`);

function correction(note: CorrectionNote): HTMLElement {
  return h(
    'li',
    {},
    h('p', {}, `Corrected ${formatTime(note.recordedAt)}: ${note.reason}`, note.setsConfidence ? ` (sets confidence to ${note.setsConfidence})` : ''),
    excerptButton(note.source, 'Excerpt of the correction'),
  );
}

function factCard(fact: Fact, headline: string): HTMLElement {
  const fields = Object.entries(fact).filter(([field]) => !NOT_DATA.has(field));
  const decision = fact.decisionSource as Provenance | null | undefined;
  return h(
    'article',
    { class: 'fact', 'data-event-id': String(fact.eventId ?? fact.identificationId) },
    h('header', {}, h('h4', {}, headline), confidenceBadge(fact.confidence)),
    h('dl', {}, ...fields.flatMap(([field, data]) => [h('dt', {}, words(field)), h('dd', {}, value(field, data))])),
    excerptButton(fact.source),
    decision ? excerptButton(decision, 'Excerpt of the decision') : null,
    fact.corrections.length > 0 ? h('ul', { class: 'corrections', 'aria-label': 'Corrections in force' }, ...fact.corrections.map(correction)) : null,
  );
}

/** The incident's facts grouped by kind; kinds with no fact are left out. */
export function factSections(incident: Incident): HTMLElement[] {
  return KINDS.map((kind) => ({ kind, facts: kind.facts(incident) }))
    .filter(({ facts }) => facts.length > 0)
    .map(({ kind, facts }) =>
      h('section', { class: 'fact-kind', 'aria-label': kind.title }, h('h3', {}, `${kind.title} (${facts.length})`), ...facts.map((fact) => factCard(fact, kind.headline(fact)))),
    );
}
