import { ApiError, getJson } from '../api';
import type { History, Incident } from '../api-types';
import { field, h } from '../dom';
import { formatPlace, formatSpan, formatTime } from '../format';
import { incidentHref } from '../routes';
import { showError } from './errors';
import { factSections } from './facts';
import { timeline } from './timeline';

/** `datetime-local` values are the user's local time; the API takes an instant. */
const toInstant = (local: string): string => new Date(local).toISOString();
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

/** Pick a revision (→ ?atVersion=) or a time (→ ?asOf=) to see the incident as the log knew it then. */
function asOfForm(incidentId: string, history: History, query: URLSearchParams): HTMLFormElement {
  const latest = history.revisions[history.revisions.length - 1]?.version;
  const revision = h(
    'select',
    { name: 'atVersion', id: 'as-of-version' },
    h('option', { value: '' }, `latest (version ${latest})`),
    ...history.revisions.map((r) => h('option', { value: r.version, selected: query.get('atVersion') === String(r.version) }, `version ${r.version}: ${r.type}, ${formatTime(r.recordedAt)}`)),
  );
  const time = h('input', { type: 'datetime-local', step: '1', name: 'asOf', id: 'as-of-time', value: query.get('asOf') ? toLocalInput(query.get('asOf')!) : '' });
  const form = h(
    'form',
    { class: 'as-of', 'aria-label': 'Show the incident as of a revision or a time' },
    field('As of revision', revision),
    field('Or as of a time', time, 'your local time'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show'), h('a', { href: incidentHref(incidentId), class: 'button-link' }, 'Latest')),
  );
  // Picking one clears the other: the page shows one point of view at a time.
  revision.addEventListener('change', () => (time.value = ''));
  time.addEventListener('input', () => (revision.value = ''));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = revision.value ? incidentHref(incidentId, { atVersion: revision.value }) : time.value ? incidentHref(incidentId, { asOf: toInstant(time.value) }) : incidentHref(incidentId);
  });
  return form;
}

function summary(incident: Incident): HTMLElement {
  const { location } = incident;
  const coordinates = location.latitude !== null && location.longitude !== null ? ` (${location.latitude}, ${location.longitude})` : '';
  const rows: [string, string][] = [
    ['When', formatSpan(incident.occurred)],
    ['Where', `${formatPlace(location)}${coordinates}, precision ${location.precision}`],
    ['Operation', incident.operation ?? 'not stated'],
    ['Version', String(incident.version)],
    ['Opened', formatTime(incident.openedAt)],
    ['Last recorded', formatTime(incident.lastRecordedAt)],
    ['Corrections in force', String(incident.corrections)],
    ['Sources cited', String(incident.sources.length)],
  ];
  return h('dl', { class: 'summary' }, ...rows.flatMap(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)]));
}

function links(incident: Incident): HTMLElement | null {
  if (incident.links.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'links-heading' },
    h('h2', { id: 'links-heading' }, 'Linked incidents'),
    h(
      'ul',
      {},
      ...incident.links.map((link) =>
        h(
          'li',
          {},
          link.direction === 'outbound' ? `This incident ${link.relation} ` : `Recorded on the other incident: it ${link.relation} this one: `,
          h('a', { href: incidentHref(link.incidentId) }, link.incidentId),
          link.note ? ` (${link.note})` : '',
        ),
      ),
    ),
  );
}

function viewpoint(query: URLSearchParams, incident: Incident, latest: number): HTMLElement | null {
  if (!query.has('atVersion') && !query.has('asOf')) return null;
  const at = query.has('atVersion') ? `version ${query.get('atVersion')}` : formatTime(query.get('asOf')!);
  return h('p', { class: 'notice', role: 'status' }, `Shown as the log knew it at ${at} (version ${incident.version}); the latest is version ${latest}.`);
}

export async function renderIncident(main: HTMLElement, incidentId: string, query: URLSearchParams, isCurrent: () => boolean): Promise<void> {
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Incident'), h('p', { role: 'status' }, 'Loading the incident…'));
  const pointOfView = { atVersion: query.get('atVersion'), asOf: query.get('asOf') };
  const path = `/incidents/${encodeURIComponent(incidentId)}`;
  const [incident, history] = await Promise.allSettled([getJson<Incident>(path, pointOfView), getJson<History>(`${path}/history`)]);
  if (!isCurrent()) return;
  if (history.status === 'rejected') return showError(main, history.reason);
  const latest = history.value.revisions[history.value.revisions.length - 1]?.version ?? 0;
  const heading = h('h1', { tabindex: '-1' }, incident.status === 'fulfilled' ? incident.value.title : 'Incident');
  const timelineSection = h(
    'section',
    { class: 'timeline-section', 'aria-labelledby': 'timeline-heading' },
    h('h2', { id: 'timeline-heading' }, `Revision timeline (${history.value.revisions.length})`),
    timeline(incidentId, history.value, incident.status === 'fulfilled' ? incident.value.version : -1),
  );
  const control = h('section', { 'aria-labelledby': 'as-of-heading', class: 'as-of-section' }, h('h2', { id: 'as-of-heading' }, 'As of'), asOfForm(incidentId, history.value, query));
  if (incident.status === 'rejected') {
    const notYet = incident.reason instanceof ApiError && incident.reason.status === 404 && (pointOfView.asOf || pointOfView.atVersion);
    const problem = h('div', {});
    if (notYet) problem.append(h('p', { class: 'notice', role: 'status' }, 'The incident was not yet recorded at that point.'));
    else showError(problem, incident.reason);
    main.replaceChildren(heading, control, problem, timelineSection);
    return;
  }
  const view = incident.value;
  const sections = factSections(view);
  main.replaceChildren(
    heading,
    viewpoint(query, view, latest) ?? '',
    view.withdrawn
      ? h('p', { class: 'notice notice--withdrawn', role: 'note' }, `Withdrawn: ${view.withdrawn.reason}`, view.withdrawn.duplicateOf ? ' (duplicate of ' : '', view.withdrawn.duplicateOf ? h('a', { href: incidentHref(view.withdrawn.duplicateOf) }, view.withdrawn.duplicateOf) : '', view.withdrawn.duplicateOf ? ')' : '')
      : '',
    summary(view),
    control,
    links(view) ?? '',
    h('section', { class: 'facts', 'aria-labelledby': 'facts-heading' }, h('h2', { id: 'facts-heading' }, 'Facts'), ...(sections.length > 0 ? sections : [h('p', {}, 'No fact recorded yet.')])),
    timelineSection,
  );
}
