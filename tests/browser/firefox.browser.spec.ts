import type { Browser, Page } from 'puppeteer-core';
import { BARKHANE_INCIDENT_ID, barkhaneImport, opening } from '../support/barkhane';
import { http, startApp, type RunningApp } from '../support/app';
import { FIREFOX, hasFirefox, launchFirefox, sayWhySkipped } from './browser';

/**
 * The "done when" flows in Firefox (the Chromium suite, web.browser.spec.ts, checks them
 * and more): the list, the map's markers for every incident (not only the page), the facts by
 * kind, the excerpt in <mark>, the revision timeline and the as-of control.
 */
const SEED_CASUALTY = '01670a5e-2003-7863-a503-f875e51c563c';
const SEED_TITLE = 'Heliborne raid against a terrorist group in the Gourma';

const suite = hasFirefox() ? describe : describe.skip;
if (!hasFirefox()) sayWhySkipped(`web view Firefox tests skipped: no Firefox at ${FIREFOX} (.ci/run installs it with apt-get install firefox-esr)`);

suite('the web view in Firefox', () => {
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  let sourceId: string;
  let pageErrors: string[] = [];

  const text = (selector: string) => page.$eval(selector, (element) => element.textContent);
  const texts = (selector: string) => page.$$eval(selector, (elements) => elements.map((element) => element.textContent));
  const open = async (hash: string, ready: string) => {
    await page.goto(`${server.baseUrl}/${hash}`);
    await page.waitForSelector(ready);
  };

  beforeAll(async () => {
    server = await startApp();
    expect((await http(server.baseUrl, 'POST', '/imports', { body: barkhaneImport() })).status).toBe(201);
    sourceId = (await http(server.baseUrl, 'GET', '/sources')).body.items[0].sourceId;
    const located = await http(server.baseUrl, 'POST', '/incidents', {
      body: opening(sourceId, {
        title: 'Incident near Gossi',
        occurred: { start: '2018-10-01T00:00:00Z', end: '2018-10-01T23:59:59Z', precision: 'day' },
        location: { country: 'ML', area: 'Gourma', admin1: null, name: 'Gossi', latitude: 15.82, longitude: -1.3, precision: 'locality' },
      }),
    });
    expect(located.status).toBe(201);
    browser = await launchFirefox();
  });

  beforeEach(async () => {
    pageErrors = [];
    page = await (await browser.createBrowserContext()).newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('Failed to load resource')) pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    await page.browserContext().close();
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the seed incident', async () => {
    await open('', `tr[data-incident-id="${BARKHANE_INCIDENT_ID}"]`);
    expect(await text(`tr[data-incident-id="${BARKHANE_INCIDENT_ID}"] th a`)).toBe(SEED_TITLE);
    expect(await text(`tr[data-incident-id="${BARKHANE_INCIDENT_ID}"]`)).toContain('Gourma, Mali');
  });

  it('maps every incident matching the filters, the list showing one a page', async () => {
    await open('#/?limit=1', '.leaflet-marker-icon');
    expect(await page.$$eval('table.incidents tbody tr', (rows) => rows.length)).toBe(1);
    const seed = await page.waitForSelector(`.leaflet-marker-icon[title="${SEED_TITLE}, placed at the centre of Mali (no coordinates)"]`);
    expect(await seed!.evaluate((marker) => marker.className)).toContain('incident-marker--country');
    const located = await page.waitForSelector('.leaflet-marker-icon[title="Incident near Gossi, at its coordinates"]');
    expect(await located!.evaluate((marker) => marker.className)).toContain('incident-marker--exact');
    expect(await page.$$eval('.leaflet-overlay-pane canvas', (canvases) => canvases.length)).toBe(1);

    // By keyboard, as in Chromium: Enter on a marker opens its popup, whose link opens the incident.
    await seed!.focus();
    await page.keyboard.press('Enter');
    const link = await page.waitForSelector(`.leaflet-popup a[href="#/incidents/${BARKHANE_INCIDENT_ID}"]`);
    await link!.click();
    await page.waitForSelector(`::-p-xpath(//h1[text()="${SEED_TITLE}"])`);
  });

  it("shows the incident's facts by kind, and the excerpt in <mark> when a fact is clicked", async () => {
    await open(`#/incidents/${BARKHANE_INCIDENT_ID}`, `.fact[data-event-id="${SEED_CASUALTY}"]`);
    expect(await texts('.fact-kind h3')).toEqual(['Casualties (1)', 'Raids (1)', 'Exchanges of fire (1)', 'Materiel seized (4)', 'Actors (3)', 'Identifications (1)']);
    expect(await text(`.fact[data-event-id="${SEED_CASUALTY}"] .count strong`)).toBe('7');
    expect(await text(`.fact[data-event-id="${SEED_CASUALTY}"] .badge`)).toBe('confidence: confirmed');

    await page.click(`.fact[data-event-id="${SEED_CASUALTY}"] .excerpt-button`);
    await page.waitForSelector('dialog[open] mark');
    expect(await text('dialog[open] mark')).toBe('neutraliser sept terroristes');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { hidden: true });
  });

  it('lists every revision in the timeline and shows an earlier one with the as-of control', async () => {
    const correction = await http(server.baseUrl, 'POST', `/incidents/${BARKHANE_INCIDENT_ID}/events`, {
      body: {
        events: [{
          type: 'FactCorrected',
          data: { correctsEventId: SEED_CASUALTY, data: { count: { low: 2, best: null, high: null } }, reason: 'counted only as "parmi les terroristes neutralisés"' },
          source: { sourceId, excerpt: 'parmi les terroristes neutralisés' },
        }],
      },
    });
    expect(correction.status).toBe(201);
    const revisions = (await http(server.baseUrl, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}/history`)).body.revisions.length;

    const count = `.fact[data-event-id="${SEED_CASUALTY}"] .count strong`;
    await open(`#/incidents/${BARKHANE_INCIDENT_ID}`, '.timeline .revision');
    expect(await text(count)).toBe('≥ 2');
    expect(await page.$$eval('.timeline .revision', (items) => items.length)).toBe(revisions);
    expect(await text('.timeline .revision:last-child h3')).toBe(`Version ${revisions}: FactCorrected`);
    expect(await texts('.timeline .revision:last-child .changes li')).toEqual(expect.arrayContaining(['casualties.0.count.low: 7 → 2']));

    await page.select('#as-of-version', String(revisions - 1));
    await page.click('form.as-of button[type="submit"]');
    await page.waitForSelector(`::-p-text(Shown as the log knew it at version ${revisions - 1})`);
    expect(await text(count)).toBe('7');
    expect(page.url()).toContain(`atVersion=${revisions - 1}`);
  });
});
