// Debian's Chromium, driven by playwright-core. Never a downloaded browser.
import { chromium } from 'playwright-core';
import { afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';

export const resultsDir = resolve(import.meta.dirname, '..', '..', 'results');
mkdirSync(resultsDir, { recursive: true });

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Every page any test opens, with what went wrong on it. After each test, a console error
 * or an uncaught exception on any page fails that test; only a 4xx answer the page asked
 * for (a refused form, a sign-in with the wrong password) is allowed, as the browser logs it.
 */
const watched = [];
const EXPECTED_4XX = /^console: Failed to load resource: the server responded with a status of 4\d\d /;

/** Time for a page's last timers and answers (a debounced check, say) to run, and fail. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

afterEach(async () => {
  await settle();
  await Promise.all(watched.map(({ page }) => page.evaluate(() => 0).catch(() => {})));
  // Pages a `before` opened live on through later tests: each error is judged once.
  const unexpected = watched.flatMap((entry) => {
    const where = whereOf.get(entry.errors);
    const fresh = entry.errors.map((e, i) => [e, where[i]]).slice(entry.judged);
    entry.judged = entry.errors.length;
    return fresh.filter(([e]) => !EXPECTED_4XX.test(e)).map(([e, where]) => `${where}: ${e}`);
  });
  assert.deepEqual(unexpected, [], 'no console errors or uncaught exceptions on any page');
});

/** Chromium with a fresh, throwaway profile (playwright makes one per launch). */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('page', (page) => watched.push({ page, errors: watchErrors(page), judged: 0 }));
    // A test that closes its context still hears about what its pages did last.
    const close = context.close.bind(context);
    context.close = async (...closeArgs) => {
      await settle();
      return close(...closeArgs);
    };
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watched.push({ page, errors: watchErrors(page), judged: 0 });
    return page;
  };
  return browser;
}

/** Collects console errors and uncaught exceptions of a page. */
/** Where each error of a `watchErrors` list happened: the page may have moved on since. */
const whereOf = new WeakMap();

export function watchErrors(page) {
  const errors = [];
  const where = [];
  whereOf.set(errors, where);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    errors.push(`console: ${message.text()}`);
    where.push(message.location()?.url || page.url());
  });
  page.on('pageerror', (error) => {
    errors.push(`pageerror: ${error.message}`);
    where.push(page.url());
  });
  return errors;
}

/**
 * Every answer of 400 or above that `page` got, as "status METHOD /path": which request a
 * console's "Failed to load resource" line was about, which the console does not say.
 */
export function refusals(page) {
  const refused = [];
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const { pathname } = new URL(response.url());
    refused.push(`${response.status()} ${response.request().method()} ${pathname}`);
  });
  return refused;
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on the page as it is now and returns its violations, each as one readable
 * line. The context must be made with `bypassCSP: true`: our CSP rightly refuses the injected
 * script otherwise.
 */
export async function axeViolations(page) {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`);
}
