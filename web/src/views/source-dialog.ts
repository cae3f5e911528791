import { getJson } from '../api';
import type { Source } from '../api-types';
import { h } from '../dom';
import { excerptRange } from '../excerpt-range';
import { formatTime } from '../format';
import { showError } from './errors';

const sources = new Map<string, Promise<Source>>();
const fetchSource = (sourceId: string): Promise<Source> => {
  let source = sources.get(sourceId);
  if (!source) {
    source = getJson<Source>(`/sources/${encodeURIComponent(sourceId)}`);
    source.catch(() => sources.delete(sourceId));
    sources.set(sourceId, source);
  }
  return source;
};

function dialog(): HTMLDialogElement {
  const existing = document.getElementById('source-dialog');
  if (existing instanceof HTMLDialogElement) return existing;
  const created = h('dialog', { id: 'source-dialog', 'aria-labelledby': 'source-dialog-title' });
  // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
  created.addEventListener('click', (event) => {
    if (event.target === created) created.close();
  });
  document.body.append(created);
  return created;
}

/** The source's text with the excerpt's characters in <mark>, or the text alone (and why) when it cannot be located. */
function textWithExcerpt(text: string, excerpt: string): HTMLElement {
  const range = excerptRange(text, excerpt);
  if (!range) {
    return h('div', {}, h('p', { class: 'note' }, 'The excerpt could not be located in this text.'), h('div', { class: 'source-text' }, text));
  }
  return h(
    'div',
    { class: 'source-text' },
    text.slice(0, range.start),
    h('mark', {}, text.slice(range.start, range.end)),
    text.slice(range.end),
  );
}

/** Opens the dialog on the source's text, scrolled to the excerpt. */
export async function showSource(sourceId: string, excerpt: string): Promise<void> {
  const box = dialog();
  const body = h('div', { class: 'dialog-body', 'aria-busy': 'true' }, h('p', { role: 'status' }, 'Loading the source…'));
  const close = h('button', { type: 'button', class: 'dialog-close' }, 'Close');
  close.addEventListener('click', () => box.close());
  box.replaceChildren(h('header', {}, h('h2', { id: 'source-dialog-title' }, 'Source'), close), body);
  if (!box.open) box.showModal();
  try {
    const source = await fetchSource(sourceId);
    box.querySelector('h2')!.textContent = source.title;
    body.replaceChildren(
      h(
        'p',
        { class: 'source-meta' },
        `${source.publisher}${source.publishedAt ? `, published ${formatTime(source.publishedAt)}` : ''} · language ${source.language} · `,
        source.url ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : 'no link',
      ),
      textWithExcerpt(source.text, excerpt),
    );
    body.setAttribute('aria-busy', 'false');
    body.querySelector('mark')?.scrollIntoView({ block: 'center' });
  } catch (error) {
    showError(body, error);
  }
}
