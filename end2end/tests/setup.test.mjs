// The invitee's flow on a phone: the emailed link opens the setup form, mistakes are shown
// next to their fields, and the account is created and signed in; the admin sees Accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, watchErrors, refusals, resultsDir, axeViolations } from './support/browser.mjs';
import { fillSetup, PASSWORD } from './support/setup-form.mjs';

// bypassCSP only lets the axe-core scan inject its script; the app's pages are unchanged.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server;
let browser;

before(async () => {
  server = await startServer();
  server.createAdmin();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an invitee sets up their account from the emailed link on a phone', async () => {
  server.cli(['invite', '--email', 'sam@greenwood.example', '--role', 'Teacher']);
  const link = await server.linkFor('sam@greenwood.example');
  assert.ok(link.startsWith(server.baseUrl), 'the link is built from PUBLIC_URL');

  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const refused = refusals(page);
  const response = await page.goto(link);
  assert.equal(response.status(), 200);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.locator('#email').inputValue(), 'sam@greenwood.example');
  await page.screenshot({ path: join(resultsDir, 'setup-390.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'the form passes axe-core');

  await fillSetup(page, { fullName: 'Sam Rivera', phone: '07700 900123', username: 'sam.rivera' });
  await page.getByRole('button', { name: 'Show' }).click();
  assert.equal(await page.locator('#password').getAttribute('type'), 'text', 'the password can be shown');
  await page.getByRole('button', { name: 'Create account' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /country code/);
  assert.match(await page.locator('#phone-error').textContent(), /country code/);
  await page.screenshot({ path: join(resultsDir, 'setup-errors-390.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'the form with errors passes axe-core');

  await page.getByLabel('Phone number').fill('+44 7700 900123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await page.getByText('Your account is ready').waitFor();
  await page.getByText('sam.rivera').waitFor();
  // The header knows at once: it once said "Sign in" here.
  await page.locator('.topbar .who').getByText('Sam Rivera').waitFor();
  assert.equal(await page.locator('.topbar').getByRole('link', { name: 'Sign in' }).count(), 0);
  assert.match(await page.locator('main').textContent(), /sam\.rivera/);
  await page.screenshot({ path: join(resultsDir, 'account-after-setup-390.png'), fullPage: true });
  // One 422 from the deliberate mistake; nothing else.
  assert.deepEqual(refused, ['422 POST /api/accept_invitation']);
  assert.deepEqual(errors, ['console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
  await context.close();

  // The link is used now.
  const again = await fetch(link);
  assert.equal(again.status, 410);
});

// The form once left a debounced username check behind: it ran on the account page, after
// the form was gone, and panicked the WASM ("a reactive value that has already been disposed").
// Later, a check still waiting for its debounce went out after the submit: it raced the
// account being created and was told the link was used (a 410 in the console). The page's
// clock is paused here, so the debounce ends only when the test says, after the submit.
test('submitting while the username check is still pending sends no check after it', async () => {
  server.invite('quick@greenwood.example');
  const link = await server.linkFor('quick@greenwood.example');
  const context = await browser.newContext(PHONE);
  await context.clock.install();
  const page = await context.newPage();
  const checks = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/check_username')) checks.push(request.url());
  });
  const refused = refusals(page);
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Full name').fill('Quinn Quick');
  await page.getByLabel('Phone number').fill('07700 900124');
  await page.locator('#password').fill(PASSWORD);
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 10));
  await page.getByLabel('Username').fill('quinn.quick');
  await page.getByText('Checking…').waitFor();
  // Refused (the phone has no country code), so the page stays to be watched.
  await page.getByLabel('Username').press('Enter');
  await page.locator('.error-summary').waitFor();
  await page.clock.runFor(1000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(checks, [], 'no username check after the submit');
  assert.equal(await page.locator('#username-status').textContent(), '', 'not left "Checking…"');

  await page.clock.resume();
  await page.getByLabel('Phone number').fill('+44 7700 900124');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await page.getByText('quinn.quick').waitFor();
  assert.deepEqual(refused, ['422 POST /api/accept_invitation']);
  await context.close();
});

test('the Super-Admin sees the invitation Accepted', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await server.signInAdmin(page);
  const row = page.getByRole('row', { name: /sam@greenwood\.example/ });
  await row.waitFor();
  assert.match(await row.textContent(), /Accepted/);
  await context.close();
});

test('the setup page fits a 320 px screen without sideways scrolling', async () => {
  server.cli(['invite', '--email', 'narrow@greenwood.example', '--role', 'Admin Staff']);
  const link = await server.linkFor('narrow@greenwood.example');
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


test('with JavaScript disabled, a mistake comes back with the values and the account is created', async () => {
  server.invite('nojs@greenwood.example');
  const link = await server.linkFor('nojs@greenwood.example');
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  assert.equal((await page.goto(link)).status(), 200);
  await fillSetup(page, { fullName: 'Noor Jaffar', phone: '07700 900456', username: 'noor.j' });
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(link);
  await page.locator('.error-summary').waitFor();
  assert.match(await page.locator('.error-summary').textContent(), /country code/);
  assert.match(await page.locator('#phone-error').textContent(), /country code/);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Noor Jaffar', 'values are kept');
  assert.equal(await page.getByLabel('Username').inputValue(), 'noor.j');
  assert.equal(await page.getByLabel('Phone number').inputValue(), '07700 900456');
  assert.equal(await page.locator('#password').inputValue(), '', 'all but the password');
  await page.screenshot({ path: join(resultsDir, 'setup-nojs-errors-390.png'), fullPage: true });

  await page.getByLabel('Phone number').fill('+44 7700 900456');
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await page.getByText('Your account is ready').waitFor();
  assert.match(await page.locator('main').textContent(), /noor\.j/);
  await context.close();
  assert.equal((await fetch(link)).status, 410, 'the link is used');
});

test('a taken username is said at once, with free variants to pick', async () => {
  server.invite('taken@greenwood.example');
  const link = await server.linkFor('taken@greenwood.example');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Username').pressSequentially('robin', { delay: 30 });
  const status = page.locator('#username-status');
  await status.getByText('That username is taken').waitFor();
  const suggestions = status.getByRole('button');
  assert.deepEqual(await suggestions.allTextContents(), ['robin2', 'robin3', 'robin4']);
  await page.screenshot({ path: join(resultsDir, 'setup-username-taken-390.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'with suggestions, the form passes axe-core');
  await suggestions.first().click();
  assert.equal(await page.getByLabel('Username').inputValue(), 'robin2');
  await status.getByText('robin2 is available').waitFor();

  await page.getByLabel('Username').fill('sam.rivera2');
  await status.getByText('sam.rivera2 is available').waitFor();
  await context.close();
});

test('what was typed before the page\'s script arrived gets its checks when it does', async () => {
  server.invite('early@greenwood.example');
  const link = await server.linkFor('early@greenwood.example');
  const context = await browser.newContext(PHONE);
  // A slow link: the script arrives 3 s after the page, and the person types at once.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/light-pages/page_bg.wasm*', async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Username').fill('robin');
  await page.getByLabel('Password', { exact: true }).fill('short');
  setTimeout(release, 3000);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 10_000 });
  const status = page.locator('#username-status');
  await status.getByText('That username is taken').waitFor({ timeout: 10_000 });
  assert.deepEqual(await status.getByRole('button').allTextContents(), ['robin2', 'robin3', 'robin4']);
  // The password's strength is said too, as it would be for a typed one.
  assert.notEqual((await page.locator('#password-strength').textContent()).trim(), '');
  await context.close();
});

test('a second submit of the same form gets the already-used page, and nothing is lost', async () => {
  server.invite('twice@greenwood.example');
  const link = await server.linkFor('twice@greenwood.example');
  const context = await browser.newContext(PHONE);
  const [first, second] = [await context.newPage(), await context.newPage()];
  for (const [page, username] of [[first, 'twice.one'], [second, 'twice.two']]) {
    await page.goto(link);
    await page.waitForSelector('body[data-hydrated="true"]');
    await fillSetup(page, { fullName: 'Tw Ice', phone: '+44 7700 900789', username });
  }
  await first.getByRole('button', { name: 'Create account' }).click();
  await first.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await second.getByRole('button', { name: 'Create account' }).click();
  await second.getByRole('heading', { name: 'This link has already been used' }).waitFor();
  // The page's script shows what was sent (the server keeps nothing for a dead link).
  await second.locator('#not-saved dl').getByText('twice.two').waitFor();
  const text = await second.locator('main').textContent();
  assert.match(text, /Your account was not created/);
  assert.match(text, /twice\.two/, 'what they typed is shown');
  assert.ok(await second.locator('main').getByRole('link', { name: 'Sign in' }).isVisible(), 'points to sign in');
  assert.deepEqual(await axeViolations(second), [], 'the already-used page passes axe-core');
  await context.close();
});

// The invitee's pages run their own small WASM, built from the shared domain crate: none of
// the dashboard's app (its JS, its WASM or a lazily loaded chunk) is fetched, on the form or
// on a bad link's page, and a refused plain submit's variants become buttons once it runs.
test('the invite pages load no dashboard code', async () => {
  server.invite('light@greenwood.example');
  const link = await server.linkFor('light@greenwood.example');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  for (const url of [link, `${server.baseUrl}/invite/${'B'.repeat(43)}`]) {
    fetched.length = 0;
    await page.goto(url);
    await page.waitForSelector('body[data-hydrated="true"]');
    await page.waitForLoadState('networkidle');
    const scripts = fetched.filter((path) => /\.(js|wasm)$/.test(path));
    assert.deepEqual(scripts.sort(), ['/light-pages/page.js', '/light-pages/page_bg.wasm'], url);
  }
  // The checks are the domain's, in this WASM: a phone number without its country code.
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Phone number').fill('07700 900123');
  await page.getByLabel('Full name').focus();
  assert.match(await page.locator('#phone-error').textContent(), /country code/);
  assert.equal(await page.getByLabel('Phone number').getAttribute('aria-invalid'), 'true');
  // The header's theme switch works here too, and remembers the choice.
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  await page.locator('.theme-toggle').click();
  assert.notEqual(await theme(), before);
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.notEqual(await theme(), before, 'the choice is kept');
  await context.close();
});

test('variants offered after a refused plain submit become buttons once the script runs', async () => {
  server.invite('robin.plain@greenwood.example');
  const link = await server.linkFor('robin.plain@greenwood.example');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link);
  // The form as a browser without JavaScript sends it: a plain post, answered by a redirect.
  await page.evaluate(() => {
    const form = document.getElementById('setup-form');
    form.querySelector('#full_name').value = 'Robin Plain';
    form.querySelector('#phone').value = '+44 7700 900999';
    form.querySelector('#username').value = 'robin';
    form.querySelector('#password').value = 'violet tram orbit kettle';
    HTMLFormElement.prototype.submit.call(form);
  });
  await page.waitForURL(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  const status = page.locator('#username-status');
  assert.deepEqual(await status.getByRole('button').allTextContents(), ['robin2', 'robin3', 'robin4']);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Robin Plain');
  await status.getByRole('button', { name: 'robin3' }).click();
  assert.equal(await page.getByLabel('Username').inputValue(), 'robin3');
  await status.getByText('robin3 is available').waitFor();
  await context.close();
});

// A message shown on blur goes as soon as the value is right, not at the next blur: tapping
// "Create account" straight from a corrected field once moved the button from under the tap
// (the message above it vanished on mousedown's blur), and the tap did nothing.
test('a corrected field loses its message while typing, so the next tap submits', async () => {
  server.invite('tap@greenwood.example');
  const link = await server.linkFor('tap@greenwood.example');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  await fillSetup(page, { fullName: 'Tapio Tap', phone: '+44 7700 900777', username: 'tapio.tap', password: 'short' });
  await page.getByLabel('Full name').focus();
  assert.match(await page.locator('#password-error').textContent(), /at least 12 characters/);
  await page.locator('#password').fill(PASSWORD);
  assert.equal(await page.locator('#password-error').textContent(), '', 'gone while typing');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await context.close();
});
