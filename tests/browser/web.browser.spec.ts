import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { BARKHANE_INCIDENT_ID, barkhaneImport, opening } from '../support/barkhane';
import { http, startApp, type RunningApp } from '../support/app';
import { keyFor } from '../support/keys';
import { hasChromium, launchChromium, CHROMIUM, sayWhySkipped } from './browser';

/** The seed's casualty report: "neutraliser sept terroristes", { low: 7, best: 7, high: 7 }. */
const SEED_CASUALTY = '01670a5e-2003-7863-a503-f875e51c563c';
const SEED_TITLE = 'Heliborne raid against a terrorist group in the Gourma';
/** The source writes "d’IED" with a typographic apostrophe; the excerpt was recorded with a plain one. */
const MATERIEL_EXCERPT = "Des armes lourdes et légères, des composants servant à la fabrication d'IED et des moyens de communication ont été saisis";

/** axe-core's WCAG 2 A/AA rules (labels, contrast, landmarks, lang…), run in the page; the violations' rule ids and targets. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))",
  )) as string[];
  return violations;
}

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) sayWhySkipped(`web view browser tests skipped: no Chromium at ${CHROMIUM} (.ci/run installs it with apt-get install chromium)`);

suite('the web view in Chromium', () => {
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  let sourceId: string;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startApp();
    const imported = await http(server.baseUrl, 'POST', '/imports', { body: barkhaneImport() });
    expect(imported.status).toBe(201);
    sourceId = (await http(server.baseUrl, 'GET', '/sources')).body.items[0].sourceId;
    // A second incident placed by its coordinates, beside the seed's, which only names its country.
    const located = await http(server.baseUrl, 'POST', '/incidents', {
      body: opening(sourceId, {
        title: 'Incident near Gossi',
        location: { country: 'ML', area: 'Gourma', admin1: null, name: 'Gossi', latitude: 15.82, longitude: -1.3, precision: 'locality' },
      }),
    });
    expect(located.status).toBe(201);
    // One in Niger whose only count has no upper figure, for the tally.
    const niger = await http(server.baseUrl, 'POST', '/incidents', {
      body: opening(sourceId, { title: 'Incident in Niger', location: { country: 'NE', area: null, admin1: null, name: null, latitude: null, longitude: null, precision: 'country' } }),
    });
    const counted = await http(server.baseUrl, 'POST', `/incidents/${niger.body.incidentId}/events`, {
      body: { events: [{ type: 'CasualtiesReported', data: { side: 'hostile', status: 'neutralised', count: { low: 2 } }, source: { sourceId, excerpt: 'parmi les terroristes neutralisés' } }] },
    });
    expect(counted.status).toBe(201);
    browser = await launchChromium();
  });

  beforeEach(async () => {
    pageErrors = [];
    // CSP bypassed only where axe-core is injected (an inline script, which the server's CSP rightly refuses).
    const bypassCSP = expect.getState().currentTestName?.includes('WCAG') ?? false;
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP })).newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Console errors other than an answer's status (a 401 is expected where a key is missing): a CSP refusal, a script error.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the seed incident, with the filters of GET /incidents', async () => {
    await page.goto(`${server.baseUrl}/`);
    const row = page.locator(`tr[data-incident-id="${BARKHANE_INCIDENT_ID}"]`);
    await row.waitFor();
    expect(await row.locator('th a').textContent()).toBe(SEED_TITLE);
    expect(await row.textContent()).toContain('Gourma, Mali');
    for (const label of ['Country', 'From', 'To', 'Operation', 'Actor', 'Source', 'Per page', 'Include withdrawn']) {
      expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);
    }

    await page.getByLabel('Actor', { exact: true }).fill('no such actor');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No incident matches these filters.').waitFor();
    expect(page.url()).toContain('actor=no+such+actor');
  });

  it('pages through the list with the cursor the API gives, one incident a page', async () => {
    const all = (await http(server.baseUrl, 'GET', '/incidents?limit=500')).body.items.map((item: { incidentId: string }) => item.incidentId);
    await page.goto(`${server.baseUrl}/#/?limit=1`);
    const seen: string[] = [];
    for (;;) {
      const row = page.locator(`table.incidents tbody tr${seen.map((id) => `:not([data-incident-id="${id}"])`).join('')}`);
      await row.waitFor();
      expect(await page.locator('table.incidents tbody tr').count()).toBe(1);
      seen.push((await row.getAttribute('data-incident-id'))!);
      const next = page.getByRole('link', { name: 'Next page' });
      if ((await next.count()) === 0) break;
      await next.click();
    }
    expect(seen).toEqual(all);
    expect(await page.getByRole('link', { name: 'First page' }).count()).toBe(1);
  });

  it('shows a marker per place on the map: the seed at Mali, the other at its coordinates', async () => {
    await page.goto(`${server.baseUrl}/`);
    const seedMarker = page.locator(`.leaflet-marker-icon[title^="${SEED_TITLE}"]`);
    await seedMarker.waitFor();
    expect(await seedMarker.getAttribute('title')).toBe(`${SEED_TITLE}, placed at the centre of Mali (no coordinates)`);
    expect(await seedMarker.getAttribute('class')).toContain('incident-marker--country');
    const located = page.locator('.leaflet-marker-icon[title^="Incident near Gossi"]');
    expect(await located.getAttribute('class')).toContain('incident-marker--exact');
    // Country outlines come with the page: drawn with no tile server.
    expect(await page.locator('.leaflet-overlay-pane canvas').count()).toBe(1);
    const painted = "[...document.querySelector('.leaflet-overlay-pane canvas').getContext('2d').getImageData(0, 0, 300, 300).data].some((value) => value > 0)";
    expect(await page.evaluate(painted)).toBe(true);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);

    await seedMarker.focus();
    await page.keyboard.press('Enter');
    const popupLink = page.locator('.leaflet-popup a', { hasText: SEED_TITLE });
    await popupLink.waitFor();
    // The popup's link by keyboard too (the map may still be panning to show the popup).
    await popupLink.focus();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: SEED_TITLE }).waitFor();
  });

  it('maps every incident the filters keep, not only the page listed; a crowded place names its newest and links to the rest', async () => {
    // Twelve in Burkina Faso known only by their country: more than the one-row page, and than the ten a place names.
    for (let index = 1; index <= 12; index++) {
      const day = String(index).padStart(2, '0');
      const opened = await http(server.baseUrl, 'POST', '/incidents', {
        body: opening(sourceId, {
          title: `Mapped incident ${index}`,
          operation: 'Mapped',
          occurred: { start: `2018-10-${day}T00:00:00Z`, end: `2018-10-${day}T23:59:59Z`, precision: 'day' },
          location: { country: 'BF', area: null, admin1: null, name: null, latitude: null, longitude: null, precision: 'country' },
        }),
      });
      expect(opened.status).toBe(201);
    }

    await page.goto(`${server.baseUrl}/#/?limit=1&operation=Mapped`);
    const marker = page.locator('.leaflet-marker-icon[title="12 incidents placed at the centre of Burkina Faso (no coordinates)"]');
    await marker.waitFor();
    expect(await page.locator('table.incidents tbody tr').count()).toBe(1);
    expect(await page.locator('.leaflet-marker-icon').count()).toBe(1);
    expect(await marker.textContent()).toBe('12');
    expect(await page.locator('.map-total').textContent()).toBe('12 incidents matching the filters, on every page of the list.');

    await marker.focus();
    await page.keyboard.press('Enter');
    const named = page.locator('.leaflet-popup li a');
    await named.first().waitFor();
    // The newest ten by when they happened: 12 down to 3.
    expect(await named.allTextContents()).toEqual(Array.from({ length: 10 }, (_, index) => `Mapped incident ${12 - index}`));
    await page.locator('.leaflet-popup').getByRole('link', { name: 'list the incidents in Burkina Faso' }).click();
    await page.waitForURL(/country=BF/);
    expect(page.url()).toContain('operation=Mapped');

    // Without a filter, every place is drawn while the list shows one incident a page.
    await page.goto(`${server.baseUrl}/#/?limit=1`);
    await marker.waitFor();
    expect(await page.locator('table.incidents tbody tr').count()).toBe(1);
    const titles = await page.locator('.leaflet-marker-icon').evaluateAll((markers) => markers.map((m) => m.getAttribute('title')));
    expect(titles.sort()).toEqual([
      '12 incidents placed at the centre of Burkina Faso (no coordinates)',
      `${SEED_TITLE}, placed at the centre of Mali (no coordinates)`,
      'Incident in Niger, placed at the centre of Niger (no coordinates)',
      'Incident near Gossi, at its coordinates',
    ]);
  });

  it("shows the incident's facts by kind, each with its confidence and excerpt", async () => {
    await page.goto(`${server.baseUrl}/#/incidents/${BARKHANE_INCIDENT_ID}`);
    await page.locator('h1', { hasText: SEED_TITLE }).waitFor();
    const casualty = page.locator(`.fact[data-event-id="${SEED_CASUALTY}"]`);
    expect(await casualty.locator('h4').textContent()).toBe('hostile · neutralised');
    expect(await casualty.locator('.count strong').textContent()).toBe('7');
    expect(await casualty.locator('.count small').textContent()).toBe('(low 7 · best 7 · high 7)');
    expect(await casualty.locator('.badge').textContent()).toBe('confidence: confirmed');
    expect(await casualty.locator('.excerpt-button').textContent()).toBe('“neutraliser sept terroristes”');
    const kinds = await page.locator('.fact-kind h3').allTextContents();
    expect(kinds).toEqual(['Casualties (1)', 'Raids (1)', 'Exchanges of fire (1)', 'Materiel seized (4)', 'Actors (3)', 'Identifications (1)']);
    expect(await page.locator('.fact-kind[aria-label="Identifications"] .badge').textContent()).toBe('confidence: probable');
  });

  it('opens the source text with exactly the excerpt in <mark> when a fact is clicked', async () => {
    await page.goto(`${server.baseUrl}/#/incidents/${BARKHANE_INCIDENT_ID}`);
    await page.locator('.fact-kind[aria-label="Materiel seized"] .excerpt-button').first().click();
    const mark = page.locator('dialog[open] mark');
    await mark.waitFor();
    // The mark holds the source's own characters (its typographic apostrophe), which read as the excerpt.
    const marked = (await mark.textContent())!;
    expect(marked).toBe(MATERIEL_EXCERPT.replace("d'IED", 'd’IED'));
    expect(await page.locator('dialog[open] h2').textContent()).toBe('BARKHANE : la force Barkhane met hors de combat un groupe terroriste au Mali.');
    await page.keyboard.press('Escape');
    expect(await page.locator('dialog[open]').count()).toBe(0);

    // By keyboard: Enter on the focused excerpt opens it; Escape closes it and gives focus back.
    const casualtyExcerpt = page.locator(`.fact[data-event-id="${SEED_CASUALTY}"] .excerpt-button`);
    await casualtyExcerpt.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('dialog[open] mark').textContent()).toBe('neutraliser sept terroristes');
    await page.keyboard.press('Escape');
    expect(await casualtyExcerpt.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
  });

  it('fits a phone screen: no view is wider than 390 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [hash, ready] of [
      ['#/', '.leaflet-marker-icon'],
      [`#/incidents/${BARKHANE_INCIDENT_ID}`, '.timeline .revision'],
      ['#/tally', 'table.tally'],
    ]) {
      await page.goto(`${server.baseUrl}/${hash}`);
      await page.locator(ready).first().waitFor();
      expect({ hash, width: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({ hash, width: 390 });
    }
  });

  it('lists every revision in the timeline and shows an earlier state with the as-of control', async () => {
    const correction = await http(server.baseUrl, 'POST', `/incidents/${BARKHANE_INCIDENT_ID}/events`, {
      body: {
        events: [
          {
            type: 'FactCorrected',
            data: { correctsEventId: SEED_CASUALTY, data: { count: { low: 2, best: null, high: null } }, reason: 'counted only as "parmi les terroristes neutralisés"' },
            source: { sourceId, excerpt: 'parmi les terroristes neutralisés' },
          },
        ],
      },
    });
    expect(correction.status).toBe(201);
    const history = (await http(server.baseUrl, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}/history`)).body;

    await page.goto(`${server.baseUrl}/#/incidents/${BARKHANE_INCIDENT_ID}`);
    const casualtyCount = page.locator(`.fact[data-event-id="${SEED_CASUALTY}"] .count strong`);
    await casualtyCount.waitFor();
    expect(await casualtyCount.textContent()).toBe('≥ 2');
    expect(await page.locator(`.fact[data-event-id="${SEED_CASUALTY}"] .corrections`).textContent()).toContain('counted only as');

    const revisions = page.locator('.timeline .revision');
    expect(await revisions.count()).toBe(history.revisions.length);
    const last = revisions.last();
    expect(await last.locator('h3').textContent()).toBe(`Version ${history.revisions.length}: FactCorrected`);
    expect(await last.textContent()).toContain('by local');
    const changes = await last.locator('.changes li').allTextContents();
    expect(changes).toEqual(expect.arrayContaining(['casualties.0.count.low: 7 → 2', 'casualties.0.count.best: 7 → null', 'casualties.0.count.high: 7 → null', 'corrections: 0 → 1']));

    const before = history.revisions.length - 1;
    await page.getByLabel('As of revision').selectOption(String(before));
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText(`Shown as the log knew it at version ${before}`).waitFor();
    expect(await casualtyCount.textContent()).toBe('7');
    expect(page.url()).toContain(`atVersion=${before}`);
  });

  it('charts casualties by month and side with the 1.1 filters, an unbounded high shown as such', async () => {
    await page.goto(`${server.baseUrl}/#/tally`);
    await page.locator('svg.tally-chart').waitFor();
    await page.getByLabel('Country', { exact: true }).fill('NE');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('table.tally tbody tr').first().waitFor();
    await page.waitForURL(/country=NE/);
    const rows = page.locator('table.tally tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('th, td').allTextContents()).toEqual(['2018-11', 'hostile', '2', 'not given', 'unbounded', '1', '1']);
    expect(await page.locator('svg.tally-chart rect.bar--hostile').count()).toBe(1);
    expect(await page.locator('svg.tally-chart path.unbounded--hostile title').textContent()).toContain('no upper figure');
  });

  it('meets the WCAG 2.1 A and AA rules axe-core checks, on each view', async () => {
    for (const [hash, ready] of [
      ['#/', '.leaflet-marker-icon'],
      [`#/incidents/${BARKHANE_INCIDENT_ID}`, '.timeline .revision'],
      ['#/tally', 'svg.tally-chart'],
    ]) {
      await page.goto(`${server.baseUrl}/${hash}`);
      await page.locator(ready).first().waitFor();
      expect({ hash, violations: await accessibilityViolations(page) }).toEqual({ hash, violations: [] });
    }
  });

  it('keeps a pasted API key in session storage only and sends it as a bearer token', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('table.incidents').waitFor();
    const sent = page.waitForRequest((request) => request.url().includes('/incidents?') && request.headers().authorization === 'Bearer my-reader-key');
    await page.getByLabel('API key', { exact: true }).fill('my-reader-key');
    await page.getByRole('button', { name: 'Use key' }).click();
    await sent;
    // Evaluated in the page (a string: the test's own types know no DOM).
    expect(await page.evaluate("[sessionStorage.getItem('incident-log.api-key'), localStorage.length]")).toEqual(['my-reader-key', 0]);
  });

  it('with access keys configured, serves the page without a key and reads the API with the one pasted', async () => {
    const guarded = await startApp();
    try {
      expect((await http(guarded.baseUrl, 'POST', '/imports', { body: barkhaneImport() })).status).toBe(201);
      const key = await keyFor(guarded, 'analyst', 'reader');
      const answer = await page.goto(`${guarded.baseUrl}/`);
      expect(answer?.status()).toBe(200);
      await page.getByRole('alert').filter({ hasText: 'The server needs an API key' }).waitFor();

      await page.getByLabel('API key', { exact: true }).fill(key);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.locator(`tr[data-incident-id="${BARKHANE_INCIDENT_ID}"]`).waitFor();
      await page.locator('.leaflet-marker-icon').first().waitFor();
    } finally {
      await guarded.close();
    }
  });
});
