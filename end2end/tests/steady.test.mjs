// The Invites table holds still under live updates: while the admin has a row's Manage menu
// open, invitees opening their links elsewhere change words in the rows (the page reloads
// them), and the menu stays open with the focus where it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { inviteFromDashboard, inviteRow } from './support/invites.mjs';
import { launchBrowser, watchErrors } from './support/browser.mjs';

const DESKTOP = { viewport: { width: 1280, height: 860 }, bypassCSP: true };
let server;
let browser;
let page;
let errors;

before(async () => {
  server = await startServer({ SCHOOL_NAME: 'Greenwood High' });
  server.createAdmin();
  browser = await launchBrowser();
  page = await (await browser.newContext(DESKTOP)).newPage();
  errors = watchErrors(page);
  await server.signInAdmin(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const row = (email) => inviteRow(page, email);
async function invite(email) {
  await inviteFromDashboard(page, email);
  await row(email).getByText('Sent', { exact: true }).waitFor();
}


/**
 * What the invitee's page tells the server once its script runs in their browser, sent from
 * here: another browser would take the focus from this page, and so close its menu.
 */
async function openedElsewhere(link) {
  const token = link.split('/invite/')[1];
  const response = await fetch(`${server.baseUrl}/api/invitation_opened`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl },
    body: `token=${token}`,
  });
  assert.equal(response.status, 200);
}

const focusedItem = () => page.evaluate(() => {
  const focused = document.activeElement;
  return focused?.getAttribute('role') === 'menuitem' ? focused.textContent.trim() : null;
});

test('a Manage menu stays open, with its focus, while its row and another change', async () => {
  await invite('ann@greenwood.example');
  await invite('ben@greenwood.example');
  const annLink = await server.linkFor('ann@greenwood.example');
  const benLink = await server.linkFor('ben@greenwood.example');

  // Opened from the keyboard: the focus is on its first item.
  await row('ann@greenwood.example').getByRole('button', { name: 'Manage ann@greenwood.example' }).focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Manage ann@greenwood.example' });
  await menu.waitFor();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedItem(), 'Revoke');

  // Another row changes, then this one: each shows "Opened" without a reload of the page.
  await openedElsewhere(benLink);
  await row('ben@greenwood.example').getByText('Opened').waitFor({ timeout: 15_000 });
  await openedElsewhere(annLink);
  await row('ann@greenwood.example').getByText('Opened').waitFor({ timeout: 15_000 });

  assert.equal(await menu.isVisible(), true, 'the menu is still open');
  assert.equal(await focusedItem(), 'Revoke', 'and the focus is where it was');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedItem(), 'Correct email', 'the keys still move in it');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent),
    await row('ann@greenwood.example').getByRole('button', { name: 'Manage ann@greenwood.example' }).evaluate((b) => b.getAttribute('aria-label') ?? b.textContent),
    'Escape returns to its button',
  );
  assert.deepEqual(errors, [], 'no console errors');
});

// On a slow link the page shows before its code arrives; a button tapped then still acts when
// the code arrives, rather than doing nothing and waiting to be tapped again. Here the page's
// Content-Security-Policy holds (no bypass): the script that keeps the tap runs under it.
test('"Invite User" tapped before the page\'s code arrives opens its dialog when it does', async () => {
  const context = await browser.newContext({ viewport: DESKTOP.viewport });
  const early = await context.newPage();
  const earlyErrors = watchErrors(early);
  await server.signInAdmin(early);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/pkg/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await early.goto(`${server.baseUrl}/modules/staff/invites`);
  await early.getByRole('button', { name: 'Invite User' }).click();
  assert.equal(await early.locator('body[data-hydrated]').count(), 0, 'tapped before the code arrived');
  release();
  const dialog = early.getByRole('dialog', { name: 'Invite User' });
  await dialog.getByLabel('Email address').waitFor();
  // Tapped once, opened once: its Cancel closes it, and nothing opens it again.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(earlyErrors, [], 'no console errors, no refused inline script');
  await context.close();
});
