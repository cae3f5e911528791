import { getJson } from '../api';
import type { CasualtyStats } from '../api-types';
import { field, h } from '../dom';
import { formQuery, tallyHref } from '../routes';
import { showError } from './errors';
import { SIDES, tallyChart } from './tally-chart';

const STATUSES = ['killed', 'neutralised', 'wounded', 'captured', 'surrendered', 'missing'];

function checkboxes(name: string, legend: string, values: readonly string[], query: URLSearchParams): HTMLElement {
  const chosen = new Set((query.get(name) ?? '').split(',').filter(Boolean));
  return h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, legend),
    ...values.map((value) =>
      h('span', { class: 'field--check' }, h('input', { type: 'checkbox', name, value, id: `tally-${name}-${value}`, checked: chosen.has(value) }), h('label', { for: `tally-${name}-${value}` }, value)),
    ),
  );
}

function filters(query: URLSearchParams): HTMLFormElement {
  const text = (name: string, attributes: Record<string, string> = {}) => h('input', { name, id: `tally-${name}`, value: query.get(name) ?? '', ...attributes });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter the tally' },
    field('Country', text('country', { maxlength: '2', pattern: '[A-Za-z]{2}', size: '3' }), 'ISO code, e.g. ML'),
    field('Operation', text('operation')),
    field('From', text('from', { type: 'date' }), 'when it happened'),
    field('To', text('to', { type: 'date' })),
    field('As of', text('asOf', { type: 'datetime-local', step: '1' }), 'what the log knew then (your local time); empty: now'),
    checkboxes('side', 'Sides (none ticked: all)', SIDES, query),
    checkboxes('status', 'Statuses (none ticked: all)', STATUSES, query),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply filters'), h('a', { href: tallyHref(), class: 'button-link' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = tallyHref(formQuery(form));
  });
  return form;
}

function table(stats: CasualtyStats): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'tally' },
      h('caption', {}, 'Casualties by month and side, as the tally gives them'),
      h('thead', {}, h('tr', {}, ...['Month', 'Side', 'Low', 'Best', 'High', 'Reports', 'Reports without best'].map((title) => h('th', { scope: 'col' }, title)))),
      h(
        'tbody',
        {},
        ...stats.groups.map((group) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, group.by.month ?? '—'),
            h('td', {}, group.by.side ?? '—'),
            h('td', {}, group.low),
            h('td', {}, group.best ?? 'not given'),
            h('td', {}, group.high ?? 'unbounded'),
            h('td', {}, group.reports),
            h('td', {}, group.withoutBest),
          ),
        ),
      ),
    ),
  );
}

export async function renderTally(main: HTMLElement, query: URLSearchParams, isCurrent: () => boolean): Promise<void> {
  const results = h('div', { 'aria-busy': 'true' }, h('p', { role: 'status' }, 'Loading the tally…'));
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Casualties by month'), filters(query), results);
  const from = query.get('from');
  const to = query.get('to');
  try {
    const stats = await getJson<CasualtyStats>('/stats/casualties', {
      groupBy: 'month,side',
      country: query.get('country')?.toUpperCase(),
      operation: query.get('operation'),
      from: from ? `${from}T00:00:00Z` : undefined,
      to: to ? `${to}T23:59:59Z` : undefined,
      side: query.get('side'),
      status: query.get('status'),
      asOf: query.get('asOf') ? new Date(query.get('asOf')!).toISOString() : undefined,
    });
    if (!isCurrent()) return;
    results.replaceChildren(
      ...(stats.groups.length === 0
        ? [h('p', { role: 'status' }, 'No casualty report matches these filters.')]
        : [
            h('div', { class: 'chart-scroll' }, tallyChart(stats.groups)),
            h(
              'ul',
              { class: 'legend' },
              ...SIDES.map((side) => h('li', {}, h('span', { class: `legend-swatch bar--${side}`, 'aria-hidden': 'true' }), side)),
              h('li', {}, 'solid: low · hatched: low to high · arrow: no upper figure'),
            ),
            table(stats),
          ]),
    );
    results.setAttribute('aria-busy', 'false');
  } catch (error) {
    if (isCurrent()) showError(results, error);
  }
}
