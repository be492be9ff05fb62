// No invitation expires unnoticed, in a desktop browser: a Pending row comes into "Expiring
// soon" live (no reload), says so in words, and is what the "Expiring soon" chip shows; its
// invitee's reminder reaches the dev mailbox and the History; the digest's link opens
// Invites on Expired; a Super-Admin turns the digest off on the account page.
// Links here live 60 s and are "expiring soon" in their last 40 s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { inviteFromDashboard, inviteRow } from './support/invites.mjs';
import { launchBrowser, axeViolations, resultsDir, watchErrors } from './support/browser.mjs';

const DESKTOP = { viewport: { width: 1280, height: 860 }, bypassCSP: true };
let server;
let browser;
let page;
let errors;

before(async () => {
  server = await startServer({ SCHOOL_NAME: 'Greenwood High', INVITE_TTL: '60s', INVITE_REMINDER_BEFORE: '40s' });
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
const invite = (email) => inviteFromDashboard(page, email);


test('a Pending row comes into "Expiring soon" live, and the chip shows only such rows', async () => {
  await invite('soon@greenwood.example');
  assert.doesNotMatch(await row('soon@greenwood.example').textContent(), /Expiring soon/);
  // 20 s after it was sent its link has 40 s left: the live check redraws the row.
  await row('soon@greenwood.example').getByText(/^Expiring soon: in under a minute$/).waitFor({ timeout: 30_000 });
  await invite('later@greenwood.example');
  assert.doesNotMatch(await row('later@greenwood.example').textContent(), /Expiring soon/);
  // Stands out in words and weight, not only in colour.
  const mark = row('soon@greenwood.example').locator('.expiring');
  assert.equal(await mark.evaluate((el) => getComputedStyle(el).fontWeight), '700');

  const chip = page.getByRole('button', { name: /^Expiring soon/ });
  assert.match(await chip.textContent(), /Expiring soon\s*1/);
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  await page.getByRole('row', { name: /later@greenwood\.example/ }).waitFor({ state: 'detached' });
  assert.equal(await row('soon@greenwood.example').count(), 1);
  assert.deepEqual(await axeViolations(page), [], 'Invites, Expiring soon: axe-core');
  await page.screenshot({ path: join(resultsDir, 'invites-expiring-soon.png'), fullPage: true });
});

test("the invitee's reminder reaches the mailbox, with the same link", async () => {
  await page.goto(`${server.baseUrl}/dev/mailbox`);
  const reminder = page.getByRole('link', { name: /Reminder: your invitation to Greenwood High expires/ });
  await reminder.first().waitFor();
  await reminder.first().click();
  await page.getByRole('heading', { name: /^Reminder: your invitation/ }).waitFor();
  assert.match(await page.locator('main').textContent(), /soon@greenwood\.example/);
  assert.match(await page.locator('main').textContent(), /This is the same link as in your invitation email/);
});

test("the digest's link opens Invites on Expired, where the History tells of the reminder", async () => {
  // Once both links have run out, nothing more changes by itself.
  await page.goto(`${server.baseUrl}/modules/staff/invites?status=expired`);
  await page.waitForSelector('body[data-hydrated="true"]');
  const chip = page.getByRole('button', { name: /^Expired/ });
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('button', { name: /^All/ }).getAttribute('aria-pressed'), 'false');
  await row('later@greenwood.example').waitFor({ timeout: 90_000 });
  await row('soon@greenwood.example').waitFor();
  assert.doesNotMatch(await page.locator('table').textContent(), /Expiring soon/);

  await row('soon@greenwood.example').getByRole('button', { name: 'Manage soon@greenwood.example' }).click();
  await page.getByRole('menu', { name: 'Manage soon@greenwood.example' }).getByRole('menuitem', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: /History of soon@greenwood\.example/ });
  await history.getByText('Reminder sent').waitFor();
  assert.match(await history.textContent(), /Reminder sent.*soon@greenwood\.example, with the same link/s);
  await page.keyboard.press('Escape');
});

test('a Super-Admin turns the expired invitations digest off, and on again', async () => {
  await page.goto(`${server.baseUrl}/account`);
  await page.waitForSelector('body[data-hydrated="true"]');
  const on = page.getByLabel('Email me once a day when invitations I sent have expired');
  const off = page.getByLabel("Don't email me about them");
  await on.waitFor();
  assert.equal(await on.isChecked(), true, 'on unless turned off');
  await off.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/account\?digest=off$/);
  await page.getByText("Saved. You won't get these emails.").waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the account page: axe-core');
  await page.screenshot({ path: join(resultsDir, 'account-digest.png'), fullPage: true });
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  await on.waitFor();
  assert.equal(await off.isChecked(), true);
  await on.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText("Saved. You'll get the email on days when an invitation you sent has expired.").waitFor();
  assert.deepEqual(errors, [], 'no console errors');
});
