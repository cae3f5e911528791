#!/usr/bin/env node
/**
 * Screenshots of the web view for the README (docs/screenshots/*.png), then its load time with the
 * seed plus 1,000 synthetic incidents, in Chromium and in Firefox: from navigation start to the
 * list rendered and to the map's markers in the page. Runs the built server (built first when
 * stale) on a temporary SQLite store, drives Debian's Chromium (/usr/bin/chromium) with
 * playwright-core and Debian's Firefox ESR (/usr/bin/firefox-esr, if present) with puppeteer-core.
 *
 *   node scripts/screenshots.mjs [--runs N]     (npm run screenshots)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shots = join(root, 'docs/screenshots');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;
const SEED_ID = '01670a5e-2000-7380-bf4e-20f4d0f8eab8';
const FIREFOX = '/usr/bin/firefox-esr';

execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
const require = createRequire(import.meta.url);
const { loadConfig } = require(join(root, 'dist/config/app-config.js'));
const { createApp } = require(join(root, 'dist/http/create-app.js'));

async function post(base, path, body) {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function seedDocument() {
  const folder = join(root, 'seeds/barkhane-2018-11-12');
  const document = JSON.parse(readFileSync(join(folder, 'import.json'), 'utf8'));
  document.source.text = readFileSync(join(folder, 'communique.fr.txt'), 'utf8');
  return document;
}

/** 1,000 incidents across five Sahel countries and eight years, a third placed by coordinates, each with one casualty report. */
function syntheticDocument(count) {
  const text = 'Communiqué synthétique pour la mesure de charge. Une patrouille a été attaquée. Deux combattants ont été neutralisés.';
  const countries = [['ML', 17, -2], ['NE', 16, 8], ['BF', 12, -1.5], ['TD', 15, 19], ['MR', 19, -10]];
  let random = 42;
  const next = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const incidents = Array.from({ length: count }, (_, index) => {
    const [country, lat, lng] = countries[index % countries.length];
    const start = new Date(Date.UTC(2014 + Math.floor(next() * 8), Math.floor(next() * 12), 1 + Math.floor(next() * 28), 6)).toISOString().replace('.000', '');
    const placed = index % 3 === 0;
    return {
      open: {
        title: `Synthetic incident ${index + 1}`,
        occurred: { start, end: start, precision: 'day' },
        location: { country, area: null, admin1: null, name: null, latitude: placed ? +(lat + next() * 4 - 2).toFixed(3) : null, longitude: placed ? +(lng + next() * 4 - 2).toFixed(3) : null, precision: placed ? 'point' : 'country' },
        operation: 'Synthetic',
        source: { excerpt: 'Une patrouille a été attaquée' },
      },
      events: [
        { type: 'CasualtiesReported', data: { side: index % 4 === 0 ? 'friendly' : 'hostile', status: 'neutralised', count: index % 5 === 0 ? { low: 2 } : { low: 2, best: 2, high: 2 }, wording: 'Deux combattants' }, source: { excerpt: 'Deux combattants ont été neutralisés' } },
      ],
    };
  });
  return { source: { publisher: 'incident-log load test', title: 'Synthetic communiqué', language: 'fr', text }, incidents };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What the page records (web/src/views/list-view.ts): ms from navigation start to the list rendered and to the map's markers added. */
const loadTimes = () => [Number(document.body.dataset.listRenderedAt), Number(document.body.dataset.mapRenderedAt)];
// Functions, not strings: the page's CSP forbids evaluating a string in it.
const mapRendered = () => document.body.dataset.mapRenderedAt !== undefined;

/** One cold load (a new context: nothing cached) in Chromium, by playwright-core. */
async function chromiumLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(mapRendered);
  const times = await page.evaluate(loadTimes);
  await context.close();
  return times;
}

/** One cold load in Firefox, by puppeteer-core over WebDriver BiDi. */
async function firefoxLoad(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await page.goto(url);
  await page.waitForFunction(mapRendered);
  const times = await page.evaluate(loadTimes);
  await context.close();
  return times;
}

async function measureLoads(label, load) {
  for (const [pageLabel, hash] of [['default page (50)', '#/'], ['per page 200', '#/?limit=200']]) {
    const list = [];
    const map = [];
    for (let run = 0; run < runs; run++) {
      const [listAt, mapAt] = await load(`${base}/${hash}`);
      list.push(listAt);
      map.push(mapAt);
    }
    console.log(`${label}, ${pageLabel}: list rendered ${median(list).toFixed(0)} ms after navigation start, list and map ${median(map).toFixed(0)} ms (medians of ${runs} cold loads; max ${Math.max(...map).toFixed(0)} ms)`);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'incident-log-screenshots-'));
const app = await createApp(loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' }), 'silent');
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  await post(base, '/imports', seedDocument());
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${base}/`);
  await page.locator('.leaflet-marker-icon').first().waitFor();
  await page.screenshot({ path: join(shots, 'list-and-map.png') });

  await page.goto(`${base}/#/incidents/${SEED_ID}`);
  await page.locator('.fact-kind[aria-label="Identifications"] .excerpt-button').click();
  await page.locator('dialog[open] mark').waitFor();
  await page.screenshot({ path: join(shots, 'incident-excerpt.png') });
  await page.keyboard.press('Escape');

  await page.locator('.timeline-section').scrollIntoViewIfNeeded();
  await page.locator('.timeline-section').screenshot({ path: join(shots, 'timeline.png') });

  await page.goto(`${base}/#/tally`);
  await page.locator('svg.tally-chart').waitFor();
  await page.screenshot({ path: join(shots, 'tally.png') });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(`${base}/#/incidents/${SEED_ID}`);
  await phone.locator('.fact').first().waitFor();
  await phone.screenshot({ path: join(shots, 'incident-phone.png') });
  console.log(`screenshots written to ${shots}`);

  const started = Date.now();
  await post(base, '/imports', syntheticDocument(1000));
  console.log(`imported 1,000 synthetic incidents in ${Date.now() - started} ms`);
  await measureLoads('Chromium', (url) => chromiumLoad(browser, url));
  if (existsSync(FIREFOX)) {
    const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    try {
      await measureLoads('Firefox', (url) => firefoxLoad(firefox, url));
    } finally {
      await firefox.close();
    }
  } else {
    console.error(`Firefox not measured: no ${FIREFOX} (apt-get install firefox-esr)`);
  }
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
