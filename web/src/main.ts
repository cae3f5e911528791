import 'leaflet/dist/leaflet.css';
import './styles.css';
import { apiKey } from './api-key';
import { h } from './dom';
import { parseRoute } from './routes';
import { renderIncident } from './views/incident-view';
import { renderList } from './views/list-view';
import { renderTally } from './views/tally-view';

const main = document.getElementById('main')!;
let navigation = 0;
let firstRender = true;

/** Renders the view the hash names; a render overtaken by a newer navigation drops its results. */
async function render(): Promise<void> {
  const token = ++navigation;
  const isCurrent = () => token === navigation;
  const route = parseRoute(location.hash);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    if (link.dataset.view === route.view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (route.view === 'list') await renderList(main, route.query, isCurrent);
  else if (route.view === 'incident') await renderIncident(main, route.incidentId, route.query, isCurrent);
  else if (route.view === 'tally') await renderTally(main, route.query, isCurrent);
  else main.replaceChildren(h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, 'This page does not exist. ', h('a', { href: '#/' }, 'Back to the incidents')));
  if (!isCurrent()) return;
  const title = main.querySelector('h1')?.textContent;
  document.title = title ? `${title} · incident-log` : 'incident-log';
  // After a navigation, focus goes to the new heading so keyboard and screen reader users start there.
  if (!firstRender) main.querySelector<HTMLElement>('h1')?.focus();
  firstRender = false;
}

function setUpApiKey(): void {
  const form = document.getElementById('api-key-form') as HTMLFormElement;
  const input = document.getElementById('api-key') as HTMLInputElement;
  input.value = apiKey.get() ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) apiKey.set(input.value.trim());
    else apiKey.clear();
    void render();
  });
  document.getElementById('api-key-forget')!.addEventListener('click', () => {
    apiKey.clear();
    input.value = '';
    void render();
  });
}

// The skip link moves focus without touching the hash, which holds the route.
document.getElementById('skip-link')!.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
setUpApiKey();
window.addEventListener('hashchange', () => void render());
void render();
