// The invitee's flow on a phone: the emailed link opens the setup form, mistakes are shown
// next to their fields, and the account is created and signed in; the admin sees Accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, watchErrors, resultsDir } from './support/browser.mjs';

const PASSWORD = 'violet tram orbit kettle';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server;
let browser;

/** The link the dev mailbox logged for `email`. */
async function linkFor(email) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const line = server.logs().split('\n').find((l) => l.includes('dev mailbox') && l.includes(email));
    const link = line?.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)?.[0];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no email for ${email}:\n${server.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  server = await startServer();
  server.cli(
    ['create-super-admin', '--email', 'robin@greenwood.example', '--username', 'robin', '--name', 'Robin Principal'],
    { STAFF_ONBOARDING_PASSWORD: PASSWORD },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an invitee sets up their account from the emailed link on a phone', async () => {
  server.cli(['invite', '--email', 'sam@greenwood.example', '--role', 'Teacher']);
  const link = await linkFor('sam@greenwood.example');
  assert.ok(link.startsWith(server.baseUrl), 'the link is built from PUBLIC_URL');

  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const response = await page.goto(link);
  assert.equal(response.status(), 200);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.locator('#email').inputValue(), 'sam@greenwood.example');
  await page.screenshot({ path: join(resultsDir, 'setup-390.png'), fullPage: true });

  await page.getByLabel('Full name').fill('Sam Rivera');
  await page.getByLabel('Phone number').fill('07700 900123');
  await page.getByLabel('Username').fill('sam.rivera');
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Show' }).click();
  assert.equal(await page.locator('#password').getAttribute('type'), 'text', 'the password can be shown');
  await page.getByRole('button', { name: 'Create account' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /country code/);
  assert.match(await page.locator('#phone-error').textContent(), /country code/);
  await page.screenshot({ path: join(resultsDir, 'setup-errors-390.png'), fullPage: true });

  await page.getByLabel('Phone number').fill('+44 7700 900123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await page.getByText('Your account is ready').waitFor();
  await page.getByText('sam.rivera').waitFor();
  assert.match(await page.locator('main').textContent(), /sam\.rivera/);
  // One 422 from the deliberate mistake; nothing else.
  assert.deepEqual(errors, ['console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
  await context.close();

  // The link is used now.
  const again = await fetch(link);
  assert.equal(again.status, 410);
});

test('the Super-Admin sees the invitation Accepted', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Username or email').fill('robin');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.baseUrl}/modules/staff/invites`);
  const row = page.getByRole('row', { name: /sam@greenwood\.example/ });
  await row.waitFor();
  assert.match(await row.textContent(), /Accepted/);
  await context.close();
});

test('the setup page fits a 320 px screen without sideways scrolling', async () => {
  server.cli(['invite', '--email', 'narrow@greenwood.example', '--role', 'Admin Staff']);
  const link = await linkFor('narrow@greenwood.example');
  const context = await browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `page is ${width}px wide`);
  const fontSize = await page.locator('#full_name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(fontSize >= 16, `inputs are ${fontSize}px: iOS would zoom`);
  const button = await page.getByRole('button', { name: 'Create account' }).boundingBox();
  assert.ok(button.height >= 44, 'touch target');
  await page.screenshot({ path: join(resultsDir, 'setup-320.png'), fullPage: true });
  await context.close();
});

test('every bad link gets its own page and status', async () => {
  const invalid = await fetch(`${server.baseUrl}/invite/${'A'.repeat(43)}`);
  assert.equal(invalid.status, 404);
  assert.match(await invalid.text(), /copied the whole link/);
});
