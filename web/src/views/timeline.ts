import type { History, Revision } from '../api-types';
import { h } from '../dom';
import { formatTime, formatValue } from '../format';
import { incidentHref } from '../routes';
import { confidenceBadge, excerptButton } from './facts';

function change({ path, before, after }: Revision['changes'][number]): HTMLElement {
  return h('li', {}, h('code', { class: 'path' }, path), ': ', h('span', { class: 'before' }, formatValue(before)), ' → ', h('span', { class: 'after' }, formatValue(after)));
}

/** Every revision, oldest first: who recorded it, when, from which excerpt, and what it changed. */
export function timeline(incidentId: string, history: History, shownVersion: number): HTMLElement {
  return h(
    'ol',
    { class: 'timeline' },
    ...history.revisions.map((revision) =>
      h(
        'li',
        { class: 'revision', 'data-version': revision.version, 'aria-current': revision.version === shownVersion ? 'step' : null },
        h(
          'header',
          {},
          h('h3', {}, `Version ${revision.version}: ${revision.type}`),
          h('p', { class: 'muted' }, `recorded ${formatTime(revision.recordedAt)} by ${revision.recordedBy}`),
          confidenceBadge(revision.confidence),
        ),
        excerptButton(revision.source),
        h('ul', { class: 'changes', 'aria-label': `What version ${revision.version} changed` }, ...revision.changes.map(change)),
        revision.version === shownVersion ? h('p', { class: 'muted' }, 'This is the version shown above.') : h('a', { href: incidentHref(incidentId, { atVersion: revision.version }) }, `Show the incident as of version ${revision.version}`),
      ),
    ),
  );
}
