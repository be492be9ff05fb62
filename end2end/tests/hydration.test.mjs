// The dashboard hydrates in steps (`components::later`): the page's head, then its table, then
// its dialogs, each in a task of its own, so that no one long task holds the page. What a step
// hydrates must find the page as the server rendered it, and a tap that lands between steps
// must act once, after the last.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { launchBrowser, watchErrors } from './support/browser.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PAGE = 50; // rows on the first page (`ListQuery::DEFAULT_LIMIT`)
let server;
let browser;

before(async () => {
  server = await startServer({ SCHOOL_NAME: 'Greenwood High' });
  server.createAdmin();
  for (let n = 1; n <= PAGE + 5; n += 1) server.invite(`teacher${String(n).padStart(2, '0')}@greenwood.example`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('"Load more" comes with the page from the server, hydrates as it is, and loads the rest', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await server.signInAdmin(page);
  const served = await (await context.request.get(`${server.baseUrl}/modules/staff/invites`)).text();
  assert.match(served, /class="load-more"><button[^>]*>Load more</, 'the served page has its "Load more"');

  await page.goto(`${server.baseUrl}/modules/staff/invites`);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.locator('tbody tr').count(), PAGE);
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.locator('tbody tr').nth(PAGE + 4).waitFor();
  await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  assert.equal(await page.locator('tbody tr').count(), PAGE + 5);
  assert.deepEqual(errors, [], 'no console errors: every step found the page as served');
  await context.close();
});

test('a tap between two steps of hydrating acts once, when the page has hydrated', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await server.signInAdmin(page);
  // Each step waits for a zero-delay timer: hold those until the test lets each go.
  await context.addInitScript(() => {
    const setTimeoutNow = window.setTimeout.bind(window);
    window.heldSteps = [];
    window.setTimeout = (callback, delay, ...rest) => {
      if (!delay && !document.body?.hasAttribute('data-hydrated')) {
        window.heldSteps.push(() => callback(...rest));
        return 0;
      }
      return setTimeoutNow(callback, delay, ...rest);
    };
  });
  const hydrated = () => document.body.hasAttribute('data-hydrated');
  // Polled on a timer with a delay: a zero-delay one of the test's own would be held too.
  const nextStep = async () => {
    const waiting = await page
      .waitForFunction(() => window.heldSteps.length > 0 || document.body.hasAttribute('data-hydrated'),
        null, { polling: 50, timeout: 10_000 })
      .catch(() => null);
    assert.ok(waiting, `the page goes on hydrating (console: ${JSON.stringify(errors)})`);
    await page.evaluate(() => window.heldSteps.shift()?.());
  };
  await page.goto(`${server.baseUrl}/modules/staff/invites`);
  // The shell's step lets the page's head hydrate; then the page waits to hydrate its table.
  await nextStep();
  await page.waitForFunction(() => window.heldSteps.length > 0, null, { polling: 50 });
  assert.equal(await page.locator('body[data-hydrated]').count(), 0, 'between two steps');
  await page.getByRole('button', { name: 'Invite User' }).click();
  while (!(await page.evaluate(hydrated))) await nextStep();

  const dialog = page.getByRole('dialog', { name: 'Invite User' });
  await dialog.getByLabel('Email address').waitFor();
  // Opened once: its Cancel closes it, and nothing opens it again.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
  assert.equal(await dialog.isVisible(), false, 'still closed');
  assert.deepEqual(errors, [], 'no console errors, no hydration mismatch');
  await context.close();
});

test('a theme picked before is the page\'s from its first paint, and the switch says so once it has hydrated', async () => {
  const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
  await context.addInitScript(() => {
    try { localStorage.setItem('theme', 'dark'); } catch { /* about:blank has no storage */ }
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await server.signInAdmin(page);

  // Before any script of the page's own has run (the app's is held): the shell's first lines
  // apply the pick.
  const held = [];
  await page.route('**/pkg/*.js', (route) => held.push(route));
  await page.goto(`${server.baseUrl}/modules/staff/invites`, { waitUntil: 'domcontentloaded' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');

  // The switch, which the server renders "light", says "dark" once it has hydrated, in
  // whichever step that is.
  await page.waitForFunction(() => document.readyState === 'complete');
  for (const route of held) await route.continue();
  await page.unroute('**/pkg/*.js');
  await page.waitForSelector('body[data-hydrated="true"]');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await toggle.locator('span[aria-hidden]').textContent(), '☾');

  // And it still switches, and remembers.
  await toggle.click();
  await page.waitForSelector('html[data-theme="light"]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await toggle.locator('span[aria-hidden]').textContent(), '☀');
  assert.equal(await page.evaluate(() => localStorage.getItem('theme')), 'light');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
