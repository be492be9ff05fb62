// The dev mailbox as a Super-Admin sees it, in the app's layout with a way back to Invites:
// each message with its HTML part shown in a sandboxed frame (it was blank once, blocked by
// the app's own frame policy). And the school's own time: with SCHOOL_TIMEZONE=Asia/Kolkata
// the email and the setup page say when the link stops working in Indian time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, axeViolations, resultsDir } from './support/browser.mjs';

/** "Thursday, 3 December 2026 at 05:51 IST": a weekday, a date, a time and India's zone. */
const INDIAN_TIME = /[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} IST/;

let server;
let browser;

before(async () => {
  server = await startServer({ SCHOOL_TIMEZONE: 'Asia/Kolkata' });
  server.createAdmin();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a message shows its HTML part in a sandboxed frame, links opening new tabs', async () => {
  server.invite('kim@greenwood.example');
  await server.linkFor('kim@greenwood.example');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  await server.signInAdmin(page);
  await page.goto(`${server.baseUrl}/dev/mailbox`);
  await page.getByRole('heading', { name: 'Dev mailbox' }).waitFor();
  await page.locator('.topbar').getByText('Robin Principal').waitFor();
  assert.match(await page.locator('time').first().getAttribute('title'), INDIAN_TIME);
  assert.deepEqual(await axeViolations(page), [], 'the mailbox: axe-core');
  await page.screenshot({ path: join(resultsDir, 'dev-mailbox.png'), fullPage: true });
  await page.getByRole('link', { name: /You're invited/ }).first().click();
  await page.waitForURL(/\/dev\/mailbox\/\d+$/);
  await page.locator('.topbar').getByText('Robin Principal').waitFor();
  assert.match(await page.locator('.mail-meta').textContent(), INDIAN_TIME);

  const frame = page.frameLocator('iframe.mail-frame');
  await frame.getByText('Set up your account').first().waitFor();
  const button = frame.getByRole('link', { name: 'Set up your account' });
  assert.match(await button.getAttribute('href'), /\/invite\/[A-Za-z0-9_-]{43}$/);
  assert.equal(await frame.locator('base').getAttribute('target'), '_blank', 'links open in a new tab');
  const sandbox = await page.locator('iframe.mail-frame').getAttribute('sandbox');
  assert.ok(!sandbox.includes('allow-scripts'), `no scripts in the frame: ${sandbox}`);
  const text = await page.locator('.mail-text').textContent();
  assert.match(text, /expires in 24 hours/);
  assert.match(text, INDIAN_TIME, 'the email gives the expiry in the school\'s time');
  assert.doesNotMatch(text, /UTC/);
  assert.match(await frame.locator('body').textContent(), INDIAN_TIME);
  await page.screenshot({ path: join(resultsDir, 'dev-mailbox-message.png'), fullPage: true });

  await page.locator('main').getByRole('link', { name: 'Invites' }).click();
  await page.waitForURL(`${server.baseUrl}/modules/staff/invites`);
  await page.getByRole('heading', { name: 'Invites' }).waitFor();
});

// A newcomer on `make run` finds where the email went: the header links a Super-Admin to the
// dev mailbox (no SMTP is set), and the empty Invites page invites the first invitation.
test('the header leads a Super-Admin to Invites and the dev mailbox', async () => {
  // bypassCSP: axe-core is injected as an inline script.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await server.signInAdmin(page);
  await page.goto(`${server.baseUrl}/`);
  const admin = page.getByRole('navigation', { name: 'Admin' });
  await admin.getByRole('link', { name: 'Dev mailbox' }).click();
  await page.getByRole('heading', { name: 'Dev mailbox' }).waitFor();
  await admin.getByRole('link', { name: 'Invites' }).click();
  await page.getByRole('heading', { name: 'Invites' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'Invites with the header nav: axe-core');
  await page.screenshot({ path: join(resultsDir, 'invites-header-nav.png') });
  await context.close();
});

test('the setup page says until when the link works, in the school\'s time', async () => {
  const link = await server.linkFor('kim@greenwood.example');
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(link);
  await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
  const until = await page.getByText('This link works until').textContent();
  assert.match(until, INDIAN_TIME);
  await page.context().close();
});
