import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer-core';

/** Why a browser's suite is skipped, on stderr (jest prints console.log on stdout, among the results). */
export const sayWhySkipped = (why: string): void => void process.stderr.write(`${why}\n`);

/** Debian's chromium, which .ci/run installs with apt-get. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** Headless, with nothing that reaches out to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Debian's firefox-esr, which .ci/run installs with apt-get; playwright-core cannot drive it, puppeteer-core can (WebDriver BiDi). */
export const FIREFOX = '/usr/bin/firefox-esr';
export const hasFirefox = (): boolean => existsSync(FIREFOX);

/** Headless, in a fresh profile; puppeteer's Firefox preferences already turn off updates, telemetry and other calls home. */
export function launchFirefox(): Promise<PuppeteerBrowser> {
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
}
